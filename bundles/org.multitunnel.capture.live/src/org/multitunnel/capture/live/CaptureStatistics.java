package org.multitunnel.capture.live;

/**
 * Counters of a live capture at one moment: the kernel's view (pcap_stats, widened to 64 bits so they survive
 * hours of capture) next to ours, so the status bar can show where packets were lost, if anywhere.
 *
 * @param kernelReceived     ps_recv: packets the kernel handed to the capture socket (may count both directions
 *                           on loopback, where libpcap discards the outgoing copy)
 * @param kernelDropped      ps_drop: packets dropped because the kernel buffer was full
 * @param interfaceDropped   ps_ifdrop: packets dropped by the interface or its driver
 * @param captured           packets read from libpcap
 * @param written            packets written to the write-through file (equals captured unless writing failed)
 * @param delivered          packets handed to the listener
 * @param droppedForListener packets not handed to the listener because its queue was full (still in the file)
 * @param listenerErrors     exceptions thrown by the listener (caught; delivery continues)
 */
public record CaptureStatistics(long kernelReceived, long kernelDropped, long interfaceDropped, long captured,
        long written, long delivered, long droppedForListener, long listenerErrors) {
}
