"""Storage types of a Stata .dta (117/118/119) file's variables, read from its header."""
import struct


def dta_storage(path):
    """One name per variable: "int8", "int16", "int32", "float", "double", "strN" or "strL"."""
    with open(path, "rb") as f:
        head = f.read(1 << 16)
    if not head.startswith(b"<stata_dta>"):
        raise ValueError(f"{path}: not a Stata 117/118/119 file")
    order = ">" if b"<byteorder>MSF" in head[:200] else "<"
    release = int(head[head.index(b"<release>") + 9:head.index(b"</release>")])
    k_at = head.index(b"<K>") + 3
    k = struct.unpack(order + ("I" if release == 119 else "H"), head[k_at:k_at + (4 if release == 119 else 2)])[0]
    with open(path, "rb") as f:
        f.seek(0)
        data = f.read(k_at + 4096 + 2 * k)  # the type list comes soon after <K>
    at = data.index(b"<variable_types>") + len(b"<variable_types>")
    codes = struct.unpack(order + "H" * k, data[at:at + 2 * k])
    names = {65526: "double", 65527: "float", 65528: "int32", 65529: "int16", 65530: "int8", 32768: "strL"}
    return [names.get(c, "str%d" % c) for c in codes]
