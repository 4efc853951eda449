package org.multitunnel.cli;

/** The product version, kept in one place so --version, the product and the bundles agree (see pom.xml). */
final class Version {
    static final String VALUE = "0.1.0";

    private Version() {
    }
}
