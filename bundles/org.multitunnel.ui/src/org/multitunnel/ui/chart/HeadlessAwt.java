package org.multitunnel.ui.chart;

/**
 * JFreeChart draws with Java2D; jfreechart-swt paints that onto SWT. Java2D needs no AWT window system, but left
 * alone AWT would start its own X11 toolkit and threads next to GTK in this process, which crashed the workbench
 * (heap corruption in malloc) as soon as the chart was shown. Forcing AWT headless before any AWT class
 * initializes keeps Java2D (fonts, shapes, images) and leaves the display to SWT alone.
 */
public final class HeadlessAwt {
    private HeadlessAwt() {
    }

    /** Call before the first chart is created (the LifeCycle does, at start-up). */
    public static void ensure() {
        if (System.getProperty("java.awt.headless") == null) {
            System.setProperty("java.awt.headless", "true");
        }
    }
}
