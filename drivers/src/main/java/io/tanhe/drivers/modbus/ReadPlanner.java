package io.tanhe.drivers.modbus;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Merges the points of one device into few read requests: points with the same unit id and
 * function whose addresses lie at most {@code maxGap} apart share a request, up to
 * {@code maxRegisters} registers (2000 bits for coils and discrete inputs) per request.
 * Reading a few unused registers in a gap is cheaper than another round trip.
 */
public final class ReadPlanner {
    private final int maxRegisters;
    private final int maxGap;

    /**
     * @param maxRegisters registers per request, 1..125 (some meters accept fewer than the protocol's 125)
     * @param maxGap       unused registers a request may span between two points; 0 merges only touching points
     */
    public ReadPlanner(int maxRegisters, int maxGap) {
        if (maxRegisters < 1 || maxRegisters > ModbusFunction.MAX_REGISTERS) {
            throw new IllegalArgumentException("maxRegisters " + maxRegisters + " outside 1..125");
        }
        if (maxGap < 0) {
            throw new IllegalArgumentException("maxGap " + maxGap + " is negative");
        }
        this.maxRegisters = maxRegisters;
        this.maxGap = maxGap;
    }

    /** The planner that sends one request per point, for comparison. */
    public static List<ReadRequest> onePerPoint(List<ModbusPoint> points) {
        return points.stream()
                .map(p -> new ReadRequest(p.unitId(), p.function(), p.address(), p.length(), List.of(p)))
                .toList();
    }

    /** The requests that read every point, grouped by unit id and function in first-seen order. */
    public List<ReadRequest> plan(List<ModbusPoint> points) {
        Map<String, List<ModbusPoint>> groups = new LinkedHashMap<>();
        for (ModbusPoint p : points) {
            groups.computeIfAbsent(p.unitId() + "/" + p.function(), k -> new ArrayList<>()).add(p);
        }
        List<ReadRequest> out = new ArrayList<>();
        groups.values().forEach(g -> planGroup(g, out));
        return List.copyOf(out);
    }

    private void planGroup(List<ModbusPoint> group, List<ReadRequest> out) {
        List<ModbusPoint> sorted = new ArrayList<>(group);
        sorted.sort(Comparator.comparingInt(ModbusPoint::address).thenComparingInt(ModbusPoint::end));
        int limit = sorted.get(0).function().readsBits() ? ModbusFunction.MAX_BITS : maxRegisters;
        List<ModbusPoint> current = new ArrayList<>();
        int start = 0;
        int end = 0;
        for (ModbusPoint p : sorted) {
            boolean fits = !current.isEmpty()
                    && p.address() - end <= maxGap
                    && Math.max(end, p.end()) - start <= limit;
            if (!fits && !current.isEmpty()) {
                out.add(request(current, start, end));
                current = new ArrayList<>();
            }
            if (current.isEmpty()) {
                start = p.address();
                end = p.end();
            }
            current.add(p);
            end = Math.max(end, p.end());
        }
        out.add(request(current, start, end));
    }

    private static ReadRequest request(List<ModbusPoint> points, int start, int end) {
        ModbusPoint first = points.get(0);
        return new ReadRequest(first.unitId(), first.function(), start, end - start, points);
    }
}
