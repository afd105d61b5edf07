package io.tanhe.drivers.modbus;

import io.tanhe.drivers.config.PointSettings;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class ReadPlannerTest {

    private static ModbusPoint point(int unit, int fn, int address, DataType type) {
        return new ModbusPoint(new PointSettings("p" + unit + "-" + fn + "-" + address, "", null, null, null),
                unit, ModbusFunction.ofCode(fn), address, type, RegisterOrder.BIG, Scaling.NONE);
    }

    private static List<String> shape(List<ReadRequest> plan) {
        return plan.stream().map(r -> r.unitId() + "/" + r.function().code() + "@" + r.start() + "+" + r.count()
                + "x" + r.points().size()).toList();
    }

    @Test
    void neighboursOfOneUnitAndFunctionShareARequest() {
        List<ModbusPoint> points = List.of(
                point(1, 4, 0x00, DataType.FLOAT32), point(1, 4, 0x02, DataType.FLOAT32),
                point(1, 4, 0x06, DataType.FLOAT32), point(1, 4, 0x48, DataType.FLOAT32));
        assertEquals(List.of("1/4@0+8x3", "1/4@72+2x1"), shape(new ReadPlanner(125, 10).plan(points)));
    }

    @Test
    void differentUnitsAndFunctionsNeverShare() {
        List<ModbusPoint> points = List.of(
                point(1, 3, 0, DataType.UINT16), point(2, 3, 1, DataType.UINT16),
                point(1, 4, 1, DataType.UINT16), point(1, 3, 2, DataType.UINT16));
        assertEquals(List.of("1/3@0+3x2", "2/3@1+1x1", "1/4@1+1x1"), shape(new ReadPlanner(125, 10).plan(points)));
    }

    @Test
    void gapLargerThanMaxGapSplits() {
        List<ModbusPoint> points = List.of(point(1, 3, 0, DataType.UINT16), point(1, 3, 5, DataType.UINT16));
        assertEquals(List.of("1/3@0+6x2"), shape(new ReadPlanner(125, 4).plan(points)));
        assertEquals(List.of("1/3@0+1x1", "1/3@5+1x1"), shape(new ReadPlanner(125, 3).plan(points)));
    }

    @Test
    void aRequestNeverExceedsMaxRegistersAndNeverSplitsAPoint() {
        List<ModbusPoint> points = new ArrayList<>();
        for (int a = 0; a < 200; a += 2) {
            points.add(point(1, 3, a, DataType.FLOAT32));
        }
        List<ReadRequest> plan = new ReadPlanner(125, 0).plan(points);
        assertEquals(List.of("1/3@0+124x62", "1/3@124+76x38"), shape(plan));
        assertEquals(List.of("1/3@0+10x5", "1/3@10+10x5"), shape(new ReadPlanner(11, 0).plan(points.subList(0, 10))));
    }

    @Test
    void unsortedAndOverlappingPointsAreCovered() {
        List<ModbusPoint> points = List.of(
                point(1, 3, 10, DataType.UINT16), point(1, 3, 8, DataType.INT32), point(1, 3, 8, DataType.UINT16));
        List<ReadRequest> plan = new ReadPlanner(125, 0).plan(points);
        assertEquals(List.of("1/3@8+3x3"), shape(plan));
    }

    @Test
    void coilsMergeUpTo2000Bits() {
        List<ModbusPoint> points = List.of(point(1, 1, 0, DataType.BOOL), point(1, 1, 1999, DataType.BOOL),
                point(1, 1, 2000, DataType.BOOL));
        assertEquals(List.of("1/1@0+2000x2", "1/1@2000+1x1"), shape(new ReadPlanner(125, 2000).plan(points)));
    }

    @Test
    void naivePlanSendsOneRequestPerPoint() {
        List<ModbusPoint> points = List.of(point(1, 3, 0, DataType.UINT16), point(1, 3, 1, DataType.FLOAT32));
        assertEquals(List.of("1/3@0+1x1", "1/3@1+2x1"), shape(ReadPlanner.onePerPoint(points)));
    }
}
