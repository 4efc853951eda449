package org.multitunnel.ui.prefs;

import org.multitunnel.capture.OpenOptions;
import org.multitunnel.capture.SpillLimits;
import java.util.ArrayList;
import java.util.List;

import org.eclipse.core.runtime.preferences.InstanceScope;
import org.multitunnel.ui.chart.TunnelSeriesDataset.Unit;
import org.multitunnel.wire.dissect.DecodeAs;
import org.multitunnel.wire.dissect.MipConfig;
import org.multitunnel.wire.fast.MipPorts;
import org.multitunnel.wire.mip.ReplyCodes;
import org.multitunnel.wire.mip.ext.ExtensionTypes;
import org.osgi.service.prefs.BackingStoreException;
import org.osgi.service.prefs.Preferences;

/**
 * The workbench's typed preferences, kept in Eclipse instance preferences (node {@value #NODE}). A plain mutable
 * model: {@link #load(Preferences)} reads it, the Preferences dialog edits it, {@link #store(Preferences)} writes
 * and flushes it. Keys are in {@link Keys}; defaults are the draft seeds of the wire bundle.
 */
public final class UiPreferences {
    public static final String NODE = "org.multitunnel.ui";

    /** How the Time column is shown. */
    public enum TimeDisplay {
        RELATIVE, ABSOLUTE, DELTA
    }

    /** Preference keys. */
    public static final class Keys {
        public static final String MIP_PORTS = "mip.udpPorts";
        public static final String EXT_MULTI_INTERFACE_ROUTING = "mip.ext.multiInterfaceRouting";
        public static final String EXT_MULTIPLE_TUNNEL_REQUEST = "mip.ext.multipleTunnelRequest";
        public static final String CODE_FA_MULTI_IF_REG_UNAVAIL = "mip.code.faMultiIfRegUnavail";
        public static final String CODE_FA_MULTI_IF_UNEQUAL_LD_UNAVAIL = "mip.code.faMultiIfUnequalLdUnavail";
        public static final String CODE_HA_MULTI_IF_REG_UNAVAIL = "mip.code.haMultiIfRegUnavail";
        public static final String CODE_HA_MULTI_IF_UNEQUAL_LD_UNAVAIL = "mip.code.haMultiIfUnequalLdUnavail";
        public static final String CODE_MTR_DENIED_BY_FA = "mip.code.mtrDeniedByFa";
        public static final String CODE_MTR_DENIED_BY_HA = "mip.code.mtrDeniedByHa";
        public static final String CHART_INTERVAL = "chart.intervalSeconds";
        public static final String CHART_UNIT = "chart.unit";
        public static final String TIME_DISPLAY = "packets.timeDisplay";
        public static final String GZIP_MAX_RATIO = "capture.gzipMaxRatio";
        public static final String MAX_SPILL_MIB = "capture.maxSpillMiB";

        private Keys() {
        }
    }

    public static final int DEFAULT_MIP_PORT = 434;
    /**
     * The reference agents' default port (HomeAgentConfig.DEFAULT_PORT, unprivileged). Decoded by default so that
     * what the Testbed's built-in agents, Send history and conformance runs hand to Analysis reads as Mobile IP.
     */
    public static final int REFERENCE_AGENT_PORT = 4434;
    public static final double DEFAULT_CHART_INTERVAL = 1.0;

    private List<Integer> mipPorts = List.of(DEFAULT_MIP_PORT, REFERENCE_AGENT_PORT);
    private int extMultiInterfaceRouting = ExtensionTypes.DEFAULT_MULTI_INTERFACE_ROUTING;
    private int extMultipleTunnelRequest = ExtensionTypes.DEFAULT_MULTIPLE_TUNNEL_REQUEST;
    private int codeFaMultiIfRegUnavail = ReplyCodes.DEFAULT_ERROR_FA_MULTI_IF_REG_UNAVAIL;
    private int codeFaMultiIfUnequalLdUnavail = ReplyCodes.DEFAULT_ERROR_FA_MULTI_IF_UNEQUAL_LD_UNAVAIL;
    private int codeHaMultiIfRegUnavail = ReplyCodes.DEFAULT_ERROR_HA_MULTI_IF_REG_UNAVAIL;
    private int codeHaMultiIfUnequalLdUnavail = ReplyCodes.DEFAULT_ERROR_HA_MULTI_IF_UNEQUAL_LD_UNAVAIL;
    private int codeMtrDeniedByFa = ReplyCodes.DEFAULT_MULTIPLE_TUNNEL_REQUEST_DENIED_BY_FA;
    private int codeMtrDeniedByHa = ReplyCodes.DEFAULT_MULTIPLE_TUNNEL_REQUEST_DENIED_BY_HA;
    private double chartIntervalSeconds = DEFAULT_CHART_INTERVAL;
    private Unit chartUnit = Unit.BITS;
    private TimeDisplay timeDisplay = TimeDisplay.RELATIVE;
    private int gzipMaxRatio = SpillLimits.DEFAULT_MAX_RATIO;
    /** Largest decompressed capture in MiB; 0 = the temporary folder's free space minus a margin. */
    private long maxSpillMiB;

    /** The application's preference node (instance scope). */
    public static Preferences instanceNode() {
        return InstanceScope.INSTANCE.getNode(NODE);
    }

    /** The stored preferences of the application (defaults where nothing is stored). */
    public static UiPreferences load() {
        return load(instanceNode());
    }

    public static UiPreferences load(Preferences node) {
        UiPreferences p = new UiPreferences();
        p.mipPorts = parsePortsOr(node.get(Keys.MIP_PORTS, null), p.mipPorts);
        p.extMultiInterfaceRouting = node.getInt(Keys.EXT_MULTI_INTERFACE_ROUTING, p.extMultiInterfaceRouting);
        p.extMultipleTunnelRequest = node.getInt(Keys.EXT_MULTIPLE_TUNNEL_REQUEST, p.extMultipleTunnelRequest);
        p.codeFaMultiIfRegUnavail = node.getInt(Keys.CODE_FA_MULTI_IF_REG_UNAVAIL, p.codeFaMultiIfRegUnavail);
        p.codeFaMultiIfUnequalLdUnavail = node.getInt(Keys.CODE_FA_MULTI_IF_UNEQUAL_LD_UNAVAIL,
                p.codeFaMultiIfUnequalLdUnavail);
        p.codeHaMultiIfRegUnavail = node.getInt(Keys.CODE_HA_MULTI_IF_REG_UNAVAIL, p.codeHaMultiIfRegUnavail);
        p.codeHaMultiIfUnequalLdUnavail = node.getInt(Keys.CODE_HA_MULTI_IF_UNEQUAL_LD_UNAVAIL,
                p.codeHaMultiIfUnequalLdUnavail);
        p.codeMtrDeniedByFa = node.getInt(Keys.CODE_MTR_DENIED_BY_FA, p.codeMtrDeniedByFa);
        p.codeMtrDeniedByHa = node.getInt(Keys.CODE_MTR_DENIED_BY_HA, p.codeMtrDeniedByHa);
        double interval = node.getDouble(Keys.CHART_INTERVAL, p.chartIntervalSeconds);
        p.chartIntervalSeconds = interval > 0 ? interval : DEFAULT_CHART_INTERVAL;
        p.chartUnit = parseEnum(Unit.class, node.get(Keys.CHART_UNIT, null), p.chartUnit);
        p.timeDisplay = parseEnum(TimeDisplay.class, node.get(Keys.TIME_DISPLAY, null), p.timeDisplay);
        p.gzipMaxRatio = Math.max(0, node.getInt(Keys.GZIP_MAX_RATIO, p.gzipMaxRatio));
        p.maxSpillMiB = Math.max(0, node.getLong(Keys.MAX_SPILL_MIB, p.maxSpillMiB));
        return p;
    }

    /** Writes every value to {@code node} and flushes it to disk. */
    public void store(Preferences node) throws BackingStoreException {
        node.put(Keys.MIP_PORTS, formatPorts(mipPorts));
        node.putInt(Keys.EXT_MULTI_INTERFACE_ROUTING, extMultiInterfaceRouting);
        node.putInt(Keys.EXT_MULTIPLE_TUNNEL_REQUEST, extMultipleTunnelRequest);
        node.putInt(Keys.CODE_FA_MULTI_IF_REG_UNAVAIL, codeFaMultiIfRegUnavail);
        node.putInt(Keys.CODE_FA_MULTI_IF_UNEQUAL_LD_UNAVAIL, codeFaMultiIfUnequalLdUnavail);
        node.putInt(Keys.CODE_HA_MULTI_IF_REG_UNAVAIL, codeHaMultiIfRegUnavail);
        node.putInt(Keys.CODE_HA_MULTI_IF_UNEQUAL_LD_UNAVAIL, codeHaMultiIfUnequalLdUnavail);
        node.putInt(Keys.CODE_MTR_DENIED_BY_FA, codeMtrDeniedByFa);
        node.putInt(Keys.CODE_MTR_DENIED_BY_HA, codeMtrDeniedByHa);
        node.putDouble(Keys.CHART_INTERVAL, chartIntervalSeconds);
        node.put(Keys.CHART_UNIT, chartUnit.name());
        node.put(Keys.TIME_DISPLAY, timeDisplay.name());
        node.putInt(Keys.GZIP_MAX_RATIO, gzipMaxRatio);
        node.putLong(Keys.MAX_SPILL_MIB, maxSpillMiB);
        node.flush();
    }

    public void store() throws BackingStoreException {
        store(instanceNode());
    }

    /**
     * "434, 4343" → [434, 4343]; a range "4434-4436" (or "4434:3") stands for its ports, as in Analyze > Decode As.
     * Throws IllegalArgumentException on anything that is not a UDP port or range.
     */
    public static List<Integer> parsePorts(String text) {
        java.util.LinkedHashSet<Integer> ports = new java.util.LinkedHashSet<>();
        for (String s : text.split("[,\\s]+")) {
            if (s.isEmpty()) {
                continue;
            }
            if (!s.matches("\\d{1,9}([-:]\\d{1,9})?")) {
                throw new IllegalArgumentException("'" + s + "' is not a port number");
            }
            String[] parts = s.split("[-:]");
            int first = Integer.parseInt(parts[0]); // decimal, as typed (no octal for a leading zero)
            int last = parts.length == 1 ? first
                    : s.contains(":") ? first + Integer.parseInt(parts[1]) - 1 : Integer.parseInt(parts[1]);
            if (first < 1 || last > 65535 || last < first) {
                throw new IllegalArgumentException("'" + s + "' is not a UDP port (1-65535) or range");
            }
            ports.addAll(new DecodeAs(first, last).ports());
        }
        if (ports.isEmpty()) {
            throw new IllegalArgumentException("at least one port is needed");
        }
        return List.copyOf(ports);
    }

    /** [434, 4434, 4435, 4436] → "434, 4434-4436" ({@link #portTexts}, joined). */
    public static String formatPorts(List<Integer> ports) {
        return String.join(", ", portTexts(ports));
    }

    /**
     * The ports as the user reads them, ascending: runs of three or more consecutive ports as one range
     * ("4434-4436"), other ports one by one — the rows of Analyze > Decode As and the text of the port field.
     */
    public static List<String> portTexts(List<Integer> ports) {
        List<String> out = new ArrayList<>();
        for (DecodeAs d : DecodeAs.entries(ports)) {
            if (d.lastPort() - d.firstPort() >= 2) {
                out.add(d.firstPort() + "-" + d.lastPort());
            } else {
                for (int p = d.firstPort(); p <= d.lastPort(); p++) {
                    out.add(String.valueOf(p));
                }
            }
        }
        return out;
    }

    private static List<Integer> parsePortsOr(String text, List<Integer> fallback) {
        if (text == null) {
            return fallback;
        }
        try {
            return parsePorts(text);
        } catch (IllegalArgumentException e) {
            return fallback;
        }
    }

    private static <E extends Enum<E>> E parseEnum(Class<E> type, String name, E fallback) {
        if (name == null) {
            return fallback;
        }
        try {
            return Enum.valueOf(type, name);
        } catch (IllegalArgumentException e) {
            return fallback;
        }
    }

    /** Checks a one-byte MIP type or code number. */
    public static int checkByte(String what, int value) {
        if (value < 0 || value > 255) {
            throw new IllegalArgumentException(what + " must be 0-255, not " + value);
        }
        return value;
    }

    /** The draft reply codes by their registry name, with the numbers these preferences give them. */
    public java.util.Map<String, Integer> draftReplyCodes() {
        java.util.Map<String, Integer> m = new java.util.LinkedHashMap<>();
        m.put("ERROR_FA_MULTI_IF_REG_UNAVAIL", codeFaMultiIfRegUnavail);
        m.put("ERROR_FA_MULTI_IF_UNEQUAL_LD_UNAVAIL", codeFaMultiIfUnequalLdUnavail);
        m.put("ERROR_HA_MULTI_IF_REG_UNAVAIL", codeHaMultiIfRegUnavail);
        m.put("ERROR_HA_MULTI_IF_UNEQUAL_LD_UNAVAIL", codeHaMultiIfUnequalLdUnavail);
        m.put("MULTIPLE_TUNNEL_REQUEST_DENIED_BY_FA", codeMtrDeniedByFa);
        m.put("MULTIPLE_TUNNEL_REQUEST_DENIED_BY_HA", codeMtrDeniedByHa);
        return m;
    }

    /**
     * Moves the draft reply codes of {@code registry} (normally {@link ReplyCodes#standard()}, which the Info
     * column and the dissector name codes from) to the numbers of these preferences. A code whose wanted number is
     * taken by another code stays where it is; the returned list says which (empty when all applied).
     */
    public List<String> applyReplyCodes(ReplyCodes registry) {
        List<String> conflicts = new ArrayList<>();
        for (java.util.Map.Entry<String, Integer> e : draftReplyCodes().entrySet()) {
            int current = registry.valueOf(e.getKey());
            int wanted = e.getValue();
            if (current < 0 || current == wanted) {
                continue;
            }
            ReplyCodes.Code occupant = registry.lookup(wanted);
            if (occupant != null) {
                conflicts.add(e.getKey() + " stays " + current + ": " + wanted + " is " + occupant.name());
                continue;
            }
            ReplyCodes.Code c = registry.lookup(current);
            registry.unregister(current);
            registry.register(wanted, c.name(), c.description(), c.source());
        }
        return conflicts;
    }

    // --- accessors ---

    public List<Integer> mipPorts() {
        return mipPorts;
    }

    public UiPreferences setMipPorts(List<Integer> ports) {
        if (ports.isEmpty()) {
            throw new IllegalArgumentException("at least one port is needed");
        }
        this.mipPorts = List.copyOf(ports);
        return this;
    }

    public int extMultiInterfaceRouting() {
        return extMultiInterfaceRouting;
    }

    public UiPreferences setExtMultiInterfaceRouting(int v) {
        extMultiInterfaceRouting = checkByte("Multi-Interface Routing type", v);
        return this;
    }

    public int extMultipleTunnelRequest() {
        return extMultipleTunnelRequest;
    }

    public UiPreferences setExtMultipleTunnelRequest(int v) {
        extMultipleTunnelRequest = checkByte("Multiple Tunnel Request type", v);
        return this;
    }

    public int codeFaMultiIfRegUnavail() {
        return codeFaMultiIfRegUnavail;
    }

    public UiPreferences setCodeFaMultiIfRegUnavail(int v) {
        codeFaMultiIfRegUnavail = checkByte("reply code", v);
        return this;
    }

    public int codeFaMultiIfUnequalLdUnavail() {
        return codeFaMultiIfUnequalLdUnavail;
    }

    public UiPreferences setCodeFaMultiIfUnequalLdUnavail(int v) {
        codeFaMultiIfUnequalLdUnavail = checkByte("reply code", v);
        return this;
    }

    public int codeHaMultiIfRegUnavail() {
        return codeHaMultiIfRegUnavail;
    }

    public UiPreferences setCodeHaMultiIfRegUnavail(int v) {
        codeHaMultiIfRegUnavail = checkByte("reply code", v);
        return this;
    }

    public int codeHaMultiIfUnequalLdUnavail() {
        return codeHaMultiIfUnequalLdUnavail;
    }

    public UiPreferences setCodeHaMultiIfUnequalLdUnavail(int v) {
        codeHaMultiIfUnequalLdUnavail = checkByte("reply code", v);
        return this;
    }

    public int codeMtrDeniedByFa() {
        return codeMtrDeniedByFa;
    }

    public UiPreferences setCodeMtrDeniedByFa(int v) {
        codeMtrDeniedByFa = checkByte("reply code", v);
        return this;
    }

    public int codeMtrDeniedByHa() {
        return codeMtrDeniedByHa;
    }

    public UiPreferences setCodeMtrDeniedByHa(int v) {
        codeMtrDeniedByHa = checkByte("reply code", v);
        return this;
    }

    public double chartIntervalSeconds() {
        return chartIntervalSeconds;
    }

    /**
     * The Mobile IP ports and draft extension numbers as the analysis and the dissectors want them; stored values
     * that no longer make a valid configuration (e.g. both drafts at one number) fall back to the defaults.
     */
    public MipConfig mipConfig() {
        try {
            return new MipConfig(MipPorts.of(mipPorts), extMultiInterfaceRouting, extMultipleTunnelRequest);
        } catch (IllegalArgumentException e) {
            return MipConfig.defaults();
        }
    }

    /** The chart interval as the analysis wants it. */
    public long chartIntervalNanos() {
        return Math.max(1L, Math.round(chartIntervalSeconds * 1e9));
    }

    public UiPreferences setChartIntervalSeconds(double s) {
        if (!(s >= 0.001) || s > 86_400) {
            throw new IllegalArgumentException("chart interval must be between 0.001 and 86400 s");
        }
        chartIntervalSeconds = s;
        return this;
    }

    public Unit chartUnit() {
        return chartUnit;
    }

    public UiPreferences setChartUnit(Unit u) {
        chartUnit = java.util.Objects.requireNonNull(u);
        return this;
    }

    public TimeDisplay timeDisplay() {
        return timeDisplay;
    }

    public UiPreferences setTimeDisplay(TimeDisplay t) {
        timeDisplay = java.util.Objects.requireNonNull(t);
        return this;
    }

    /** Largest compression ratio of a gzip capture (0 = no limit); a gzip bomb stops here. */
    public int gzipMaxRatio() {
        return gzipMaxRatio;
    }

    public UiPreferences setGzipMaxRatio(int ratio) {
        if (ratio < 0) {
            throw new IllegalArgumentException("gzip ratio limit must be 0 (none) or more");
        }
        gzipMaxRatio = ratio;
        return this;
    }

    /** Largest decompressed capture in MiB, 0 for the temporary folder's free space minus a margin. */
    public long maxSpillMiB() {
        return maxSpillMiB;
    }

    public UiPreferences setMaxSpillMiB(long mib) {
        if (mib < 0 || mib > (Long.MAX_VALUE >> 20)) {
            throw new IllegalArgumentException("decompressed capture limit must be 0 (free space) or more MiB");
        }
        maxSpillMiB = mib;
        return this;
    }

    /** How captures are opened: the bounds on decompressing gzip captures. */
    public OpenOptions openOptions() {
        SpillLimits limits = SpillLimits.defaults().withMaxRatio(gzipMaxRatio);
        return OpenOptions.defaults().withSpill(maxSpillMiB == 0 ? limits : limits.withMaxBytes(maxSpillMiB << 20));
    }
}
