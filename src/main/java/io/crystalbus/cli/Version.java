package io.crystalbus.cli;

import picocli.CommandLine.IVersionProvider;

/** The version from the jar's manifest (the build writes it), or "development" from the classes directory. */
final class Version implements IVersionProvider {
    @Override
    public String[] getVersion() {
        String version = Version.class.getPackage().getImplementationVersion();
        return new String[] {"crystal-bus " + (version == null ? "development" : version)};
    }
}
