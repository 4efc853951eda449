package org.multitunnel.capture.live;

/**
 * One captured frame handed to a {@link LivePacketListener}. The array is pcap4j's fresh copy of the packet, owned by
 * the receiver from then on (no second copy is made); treat it as read-only if you share it.
 *
 * @param number         0-based number of the packet in the write-through file (gaps never occur there; the
 *                       listener may see gaps when it was too slow, see {@link CaptureStatistics#droppedForListener})
 * @param timestampNanos capture time in ns since the epoch
 * @param linkType       LINKTYPE_* of the interface (1 Ethernet, also for Linux loopback; 101 raw IP; 113 SLL)
 * @param originalLength length on the wire (larger than {@code data.length} when cut by the snaplen)
 * @param data           captured bytes starting with the link-layer header
 */
public record LivePacket(long number, long timestampNanos, int linkType, int originalLength, byte[] data) {
}
