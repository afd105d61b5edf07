#!/usr/bin/python3
"""A Modbus TCP or RTU slave for tests, the benchmark and commissioning demos (Debian python3-pymodbus 3.x).

usage: pymodbus_server.py tcp PORT IMAGE.json
       pymodbus_server.py rtu SERIAL_DEVICE IMAGE.json [BAUD]

IMAGE.json: {"units": {"1": {"hr": [...], "ir": [...], "co": [...], "di": [...]}}}
Each table starts at address 0. Register entries are integers 0..65535 or {"f32": x}, {"f64": x},
{"u32": n}, {"i32": n} which expand to 2 or 4 big-endian registers. Unknown unit ids get no
answer (pymodbus behaviour). Listens on 127.0.0.1 only. Prints "ready" once listening.
"""
import json
import logging
import struct
import sys
import threading

from pymodbus.datastore import ModbusSequentialDataBlock, ModbusServerContext, ModbusSlaveContext


def expand(entries):
    regs = []
    for e in entries:
        if isinstance(e, dict):
            (kind, v), = e.items()
            fmt = {"f32": ">f", "f64": ">d", "u32": ">I", "i32": ">i"}[kind]
            raw = struct.pack(fmt, v)
            regs.extend(struct.unpack(">%dH" % (len(raw) // 2), raw))
        else:
            regs.append(int(e))
    return regs


def block(unit, name):
    values = expand(unit.get(name, []))
    return ModbusSequentialDataBlock(0, values if values else [0])


def context(image):
    slaves = {}
    for uid, unit in image["units"].items():
        # zero_mode=True: address 0 on the wire is entry 0 (else pymodbus 3.0 shifts by one)
        slaves[int(uid)] = ModbusSlaveContext(
            hr=block(unit, "hr"), ir=block(unit, "ir"), co=block(unit, "co"), di=block(unit, "di"), zero_mode=True)
    return ModbusServerContext(slaves=slaves, single=False)


def announce_when_listening(check):
    def run():
        import time
        for _ in range(200):
            if check():
                print("ready", flush=True)
                return
            time.sleep(0.05)
    threading.Thread(target=run, daemon=True).start()


def main():
    logging.basicConfig(level=logging.CRITICAL)
    mode, where, image_file = sys.argv[1], sys.argv[2], sys.argv[3]
    with open(image_file) as f:
        ctx = context(json.load(f))
    if mode == "tcp":
        from pymodbus.server import StartTcpServer
        import socket

        def listening():
            with socket.socket() as s:
                return s.connect_ex(("127.0.0.1", int(where))) == 0
        announce_when_listening(listening)
        StartTcpServer(context=ctx, address=("127.0.0.1", int(where)))
    elif mode == "rtu":
        from pymodbus.server import StartSerialServer
        from pymodbus.transaction import ModbusRtuFramer
        baud = int(sys.argv[4]) if len(sys.argv) > 4 else 9600
        announce_when_listening(lambda: True)
        StartSerialServer(context=ctx, framer=ModbusRtuFramer, port=where, baudrate=baud)
    else:
        sys.exit("mode must be tcp or rtu")


if __name__ == "__main__":
    main()
