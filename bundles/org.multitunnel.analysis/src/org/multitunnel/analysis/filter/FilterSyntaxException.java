package org.multitunnel.analysis.filter;

/**
 * A display filter that does not parse: carries the 0-based character position of the problem so the filter bar
 * can point at it, and a short message without the position.
 */
public final class FilterSyntaxException extends Exception {
    private static final long serialVersionUID = 1L;
    private final int position;
    private final String detail;

    public FilterSyntaxException(int position, String detail) {
        super(detail + " (at character " + (position + 1) + ")");
        this.position = position;
        this.detail = detail;
    }

    /** 0-based character index in the filter text where the problem was found. */
    public int position() {
        return position;
    }

    /** The message without the position. */
    public String detail() {
        return detail;
    }
}
