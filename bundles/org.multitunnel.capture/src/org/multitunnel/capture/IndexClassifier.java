package org.multitunnel.capture;

/**
 * The plug-in point for classifying packets during the one indexing pass (the wire bundle's fast classifier goes
 * here), so tunnel attribution needs no second read of the file. It sees each packet's reusable view and returns up
 * to {@value #BITS} bits that are stored in the index record and returned by
 * {@link CaptureFile#classification(int)}. Must not allocate per packet and must not keep the view.
 */
@FunctionalInterface
public interface IndexClassifier {
    /** Number of low-order bits of {@link #classify} that the index keeps. */
    int BITS = 16;

    /** Classifier that stores 0 for every packet. */
    IndexClassifier NONE = packet -> 0;

    int classify(PacketView packet);
}
