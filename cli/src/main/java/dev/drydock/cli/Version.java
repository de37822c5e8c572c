package dev.drydock.cli;

import picocli.CommandLine.IVersionProvider;

final class Version implements IVersionProvider {

    @Override
    public String[] getVersion() {
        String version = Drydock.class.getPackage().getImplementationVersion();
        return new String[] {"drydock CLI " + (version == null ? "development" : version)};
    }
}
