/**
 * Offline capture engine: reads pcap (µs/ns, both byte orders, modified), pcapng (all sections, EPB/SPB/OPB) and
 * gzip-compressed captures of any size through memory-mapped windows, without copying packet bytes.
 *
 * <ul>
 * <li>{@link org.multitunnel.capture.CaptureFile}: open + one-pass index ({@value
 * org.multitunnel.capture.index.PacketIndex#BYTES_PER_PACKET} bytes per packet), random access by packet number,
 * optional background indexing with {@link org.multitunnel.capture.IndexListener} and a
 * {@link org.multitunnel.capture.IndexClassifier} whose bits are stored in the index.</li>
 * <li>{@link org.multitunnel.capture.CaptureReader}: one streaming pass with a reused
 * {@link org.multitunnel.capture.PacketView}, constant memory.</li>
 * <li>Damage is reported as {@link org.multitunnel.capture.ReadWarning}s with byte offsets; only
 * {@link java.io.IOException} (unreadable file) and its subtype
 * {@link org.multitunnel.capture.NotACaptureFileException} (wrong kind of file) are thrown.</li>
 * <li>Writers live in {@code org.multitunnel.capture.write}; the read benchmark in
 * {@code org.multitunnel.capture.bench}.</li>
 * </ul>
 */
package org.multitunnel.capture;
