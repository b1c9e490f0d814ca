package dev.lvsa.common;

import picocli.CommandLine.IVersionProvider;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code --version} of every command of the toolkit, in one format: {@code PROGRAM VERSION} or
 * {@code PROGRAM VERSION (DETAILS)}. PROGRAM is the name of the command line the user ran ({@code vqeval},
 * {@code lvsa-runner}, {@code lvsa-datasets}, {@code report}; {@code pattern} when that runs on its own), also when
 * {@code --version} is given to a subcommand. VERSION is {@link ToolkitVersion#version()}. DETAILS are what the top
 * command says of itself when it implements {@link Details} (the runner: the attention-plan schema it writes).
 */
public final class VersionProvider implements IVersionProvider {

    /** A top command that adds a few words to its version line. */
    public interface Details {
        /** The words in the parentheses after the version, e.g. {@code lvsa-toolkit reports}. */
        String versionDetails();
    }

    @Spec
    CommandSpec spec;

    @Override
    public String[] getVersion() {
        CommandSpec root = spec == null ? null : spec.root();
        String name = root == null ? "lvsa-toolkit" : root.name();
        String details = root != null && root.userObject() instanceof Details d ? " (" + d.versionDetails() + ")" : "";
        return new String[] {name + " " + ToolkitVersion.version() + details};
    }
}
