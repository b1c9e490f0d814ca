package dev.lvsa.baselines.cli;

import dev.lvsa.baselines.ToolkitVersion;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code --version}, in the one format every command of the toolkit uses: {@code COMMAND VERSION (details)},
 * here the command the user ran ({@code lvsa-runner}, {@code pattern}), the toolkit's version and the
 * attention-plan schema version it writes.
 */
public final class VersionProvider implements CommandLine.IVersionProvider {
    @CommandLine.Spec
    CommandSpec spec;

    @Override
    public String[] getVersion() {
        String name = spec == null ? "lvsa-toolkit" : spec.root().name();
        return new String[] {name + " " + ToolkitVersion.version() + " (lvsa-toolkit, attention plan schema v1)"};
    }
}
