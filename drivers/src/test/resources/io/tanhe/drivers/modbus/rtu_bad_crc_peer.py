#!/usr/bin/python3
"""A Modbus RTU 'slave' on a pty that answers every 8-byte read request with a well-formed
register reply whose CRC is wrong (the two CRC bytes are swapped and flipped), or with MODE
wrong-unit a reply with a good CRC from the next unit id. For fault tests.

usage: rtu_bad_crc_peer.py SERIAL_DEVICE [bad-crc|wrong-unit]
"""
import os
import sys
import termios
import tty


def crc16_modbus(data):
    crc = 0xFFFF
    for b in data:
        crc ^= b
        for _ in range(8):
            crc = (crc >> 1) ^ 0xA001 if crc & 1 else crc >> 1
    return crc


def main():
    mode = sys.argv[2] if len(sys.argv) > 2 else "bad-crc"
    fd = os.open(sys.argv[1], os.O_RDWR | os.O_NOCTTY)
    tty.setraw(fd)
    termios.tcflush(fd, termios.TCIOFLUSH)
    print("ready", flush=True)
    buf = b""
    while True:
        buf += os.read(fd, 64)
        while len(buf) >= 8:
            req, buf = buf[:8], buf[8:]
            unit, fc, count = req[0], req[1], (req[4] << 8) | req[5]
            if mode == "wrong-unit":
                unit = (unit + 1) & 0xFF
            body = bytes([unit, fc, 2 * count]) + bytes(2 * count)
            crc = crc16_modbus(body)
            good = bytes([crc & 0xFF, crc >> 8])
            if mode == "wrong-unit":
                os.write(fd, body + good)
            else:
                os.write(fd, body + bytes([good[0] ^ 0xFF, good[1] ^ 0xFF]))


if __name__ == "__main__":
    main()
