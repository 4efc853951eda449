package org.multitunnel.cli;

/**
 * The exit codes of BSD's {@code sysexits.h} the commands use, named once so every command reports the same kind of
 * failure with the same number (the headless contract promises sysexits codes to scripts and CI).
 */
public final class Sysexits {
    /** Bad command line: unknown option, bad value, bad display filter. */
    public static final int USAGE = 64;
    /** The input is not what it must be: not a capture file. */
    public static final int DATAERR = 65;
    /** An input file does not exist, is a directory or cannot be read. */
    public static final int NOINPUT = 66;
    /** A host name does not resolve. */
    public static final int NOHOST = 68;
    /** A service is unavailable: an address cannot be bound, a peer does not answer. */
    public static final int UNAVAILABLE = 69;
    /** A bug of ours (an exception nobody expected). */
    public static final int SOFTWARE = 70;
    /** An output file or folder cannot be created. */
    public static final int CANTCREAT = 73;
    /** Reading or writing failed part way. */
    public static final int IOERR = 74;

    private Sysexits() {
    }
}
