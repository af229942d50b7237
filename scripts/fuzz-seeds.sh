#!/usr/bin/env bash
# Remakes the fuzz targets' seed corpora under Fuzz/corpus/TARGET/ (committed; run this only to
# change them): small files in every layout each reader takes, cut from the committed samples and
# test fixtures (and, under Fuzz/regressions/zip, the crafted ZIP64 archives issue 14 found crashing) with Python's standard library, and written by `ukpanel dev convert` in both byte
# orders. Needs a built ukpanel (swift build) and python3.
#
#   scripts/fuzz-seeds.sh
set -euo pipefail
REPO="$(cd "$(dirname "$0")/.." && pwd)"
cd "$REPO"
BIN="${UKPANEL_BIN:-$REPO/.build/debug/ukpanel}"
[ -x "$BIN" ] || swift build --product ukpanel >/dev/null
OUT="$REPO/Fuzz/corpus"
rm -rf "$OUT"
mkdir -p "$OUT"/{tab,gzip,zip,dta,sav}

python3 - "$OUT" <<'PY'
import gzip, io, os, struct, sys, zipfile, zlib
out = sys.argv[1]

def cut(path, rows, cols):
    with gzip.open(path, "rt", encoding="utf-8") as f:
        lines = [next(f).rstrip("\n").split("\t")[:cols] for _ in range(rows + 1)]
    return "".join("\t".join(l) + "\n" for l in lines).encode()

ukhls = cut("samples/ukhls/UKDA-6614-tab/tab/ukhls/h_indresp.tab.gz", 8, 30)
lfs = cut("samples/lfs/UKDA-9001-tab/tab/" + os.listdir("samples/lfs/UKDA-9001-tab/tab")[0], 6, 25)
tab = {
    "ukhls.tab": ukhls,
    "lfs.tab": lfs,
    "crlf.tab": ukhls.replace(b"\n", b"\r\n"),
    "no-final-newline.tab": ukhls.rstrip(b"\n"),
    "header-only.tab": ukhls.split(b"\n")[0] + b"\n",
    "odd-cells.tab": b"pidp\tx\ty\tz\n1\t.\t-9\t\n2\t 5\t1e3\t\"q\"\n0x10\t-0\t2.0\tinf\n",
    "ragged.tab": b"a\tb\tc\n1\t2\n1\t2\t3\t4\n",
}
for name, data in tab.items():
    open(f"{out}/tab/{name}", "wb").write(data)

def gz(data, **kw):
    b = io.BytesIO()
    with gzip.GzipFile(fileobj=b, mode="wb", mtime=0, **kw) as g:
        g.write(data)
    return b.getvalue()

def gz_all_flags(data):
    # FTEXT|FHCRC|FEXTRA|FNAME|FCOMMENT, laid out by hand (RFC 1952).
    head = bytes([0x1F, 0x8B, 8, 0x1F]) + struct.pack("<I", 0) + bytes([0, 3])
    head += struct.pack("<H", 6) + b"AB\x02\x00xy" + b"name.tab\x00" + b"a comment\x00"
    head += struct.pack("<H", zlib.crc32(head) & 0xFFFF)
    c = zlib.compressobj(6, zlib.DEFLATED, -15)
    body = c.compress(data) + c.flush()
    return head + body + struct.pack("<II", zlib.crc32(data), len(data) & 0xFFFFFFFF)

gzips = {
    "ukhls.tab.gz": gz(ukhls),
    "named.tab.gz": gz(lfs, filename="lfs.tab"),
    "two-members.tab.gz": gz(ukhls[:200]) + gz(ukhls[200:]),
    "all-flags.tab.gz": gz_all_flags(lfs),
    "empty.gz": gz(b""),
    "stored-blocks.gz": gz(ukhls, compresslevel=0),
}
for name, data in gzips.items():
    open(f"{out}/gzip/{name}", "wb").write(data)

def zipped(members, force64=False):
    b = io.BytesIO()
    with zipfile.ZipFile(b, "w") as z:
        for name, data, method in members:
            info = zipfile.ZipInfo(name, date_time=(2024, 1, 1, 0, 0, 0))
            if name.endswith("/"):
                z.writestr(info, b"")
                continue
            info.compress_type = method
            with z.open(info, "w", force_zip64=force64) as f:
                f.write(data)
    return b.getvalue()

D, S = zipfile.ZIP_DEFLATED, zipfile.ZIP_STORED
zips = {
    "download.zip": zipped([("UKDA-6614-tab/", b"", S), ("UKDA-6614-tab/tab/ukhls/h_indresp.tab", ukhls, D),
                            ("UKDA-6614-tab/tab/ukhls/i_indresp.tab", lfs, S)]),
    "gz-member.zip": zipped([("h_indresp.tab.gz", gz(ukhls), S)]),
    "zip64.zip": zipped([("a.tab", ukhls, D), ("b.tab", lfs, S)], force64=True),
    "empty.zip": zipped([]),
}
for name, data in zips.items():
    open(f"{out}/zip/{name}", "wb").write(data)

# Regressions: the ZIP64 records issue 14 found crashing ukpanel (exit 132/134), written by
# zipfile with its ZIP64 thresholds lowered, then one field set to an absurd value each.
zipfile.ZIP_FILECOUNT_LIMIT, zipfile.ZIP64_LIMIT = 1, 1
good = zipped([("a.tab", lfs, D), ("b.tab", ukhls, S)], force64=True)
end, locator = good.rfind(b"PK\x06\x06"), good.rfind(b"PK\x06\x07")
def patched(at, value):
    return good[:at] + struct.pack("<Q", value) + good[at + 8:]
regressions = {
    "issue14-entry-count-max.zip": patched(end + 32, 2**64 - 1),
    "issue14-directory-size-max.zip": patched(end + 40, 2**64 - 1),
    "issue14-directory-offset-max.zip": patched(end + 48, 2**64 - 1),
    "issue14-locator-offset-max.zip": patched(locator + 8, 2**64 - 1),
    "issue14-locator-offset-2-63.zip": patched(locator + 8, 2**63 + 5),
}
os.makedirs(f"{out}/../regressions/zip", exist_ok=True)
for name, data in regressions.items():
    open(f"{out}/../regressions/zip/{name}", "wb").write(data)
PY

# Stata and SPSS: the committed fixtures (pandas and pyreadstat wrote them) and ukpanel's own
# writer, in both byte orders, from the small UKHLS cut.
cp Tests/Fixtures/formats/*.dta "$OUT/dta/"
cp Tests/Fixtures/formats/*.sav Tests/Fixtures/formats/*.zsav "$OUT/sav/"
for release in dta117 dta118 dta119; do
  "$BIN" dev convert "$OUT/tab/ukhls.tab" --out "$OUT/dta/ukpanel_$release.dta" --to "$release"
  "$BIN" dev convert "$OUT/tab/ukhls.tab" --out "$OUT/dta/ukpanel_${release}_msf.dta" --to "$release" --big-endian
done
for kind in sav sav-bytecode zsav; do
  ext=sav; [ "$kind" = zsav ] && ext=zsav
  "$BIN" dev convert "$OUT/tab/ukhls.tab" --out "$OUT/sav/ukpanel_$kind.$ext" --to "$kind"
  "$BIN" dev convert "$OUT/tab/ukhls.tab" --out "$OUT/sav/ukpanel_${kind}_msf.$ext" --to "$kind" --big-endian
done
echo "fuzz-seeds: $(find "$OUT" -type f | wc -l) files, $(du -sh "$OUT" | cut -f1) in $OUT"
