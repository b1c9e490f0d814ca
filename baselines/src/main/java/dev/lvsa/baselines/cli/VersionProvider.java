package dev.lvsa.baselines.cli;

import dev.lvsa.baselines.ToolkitVersion;
import picocli.CommandLine;

/** {@code --version}: the toolkit's version and the attention-plan schema version it writes. */
public final class VersionProvider implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
        return new String[] {"lvsa-toolkit " + ToolkitVersion.version() + " (attention plan schema v1)"};
    }
}
