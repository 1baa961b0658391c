#!/usr/bin/python3
"""Writes the corpus of malformed TIFF/GeoTIFF files next to this script, and manifest.tsv describing them.

  /usr/bin/python3 make_corpus.py

Every file is built from scratch with struct (no GDAL needed to make them) from one small valid GeoTIFF,
base.tif: 32 x 32 pixels, 1 band uint8, 16 x 16 tiles, Deflate, EPSG:32633, pixel (i, j) = (7 i + 3 j) mod 256.
Each corpus file is that file with one thing broken (or a variant built with other tags and then broken).

manifest.tsv has one line per file: name, expected outcome, a phrase the error must contain, and what was done:
  bad   Seamline must refuse the file with a BadInputException (exit code 2) whose one-line message names
        the file and contains the phrase.
  ok    the damage lies where Seamline does not look (an IFD chain that loops after the first image, a
        Deflate stream longer than its tile): the file must open and every block must read. "ok-pattern"
        also requires the pixels of base.tif.
The last column records what GDAL 3.6 (gdalinfo -checksum, Debian's gdal-bin) does with the file when GDAL is
installed: "gdal:fails" (rc != 0 or an ERROR line) or "gdal:reads"; it is information, not part of the test.
"""
import os
import struct
import subprocess
import zlib

HERE = os.path.dirname(os.path.abspath(__file__))

BYTE, ASCII, SHORT, LONG, RATIONAL, DOUBLE, LONG8 = 1, 2, 3, 4, 5, 12, 16
TYPE_SIZE = {1: 1, 2: 1, 3: 2, 4: 4, 5: 8, 6: 1, 7: 1, 8: 2, 9: 4, 10: 8, 11: 4, 12: 8, 16: 8, 17: 8, 18: 8}
FMT = {1: 'B', 2: 'B', 3: 'H', 4: 'I', 6: 'b', 7: 'B', 8: 'h', 9: 'i', 11: 'f', 12: 'd', 16: 'Q', 17: 'q', 18: 'Q'}

W = H = 32
TILE = 16


def pattern(w, h):
    return bytes(((7 * i + 3 * j) % 256) for j in range(h) for i in range(w))


def tiles_of(img, w, h, tw, th, spp=1):
    out = []
    for ty in range(0, h, th):
        for tx in range(0, w, tw):
            t = bytearray()
            for j in range(th):
                for i in range(tw):
                    x, y = tx + i, ty + j
                    t += img[(y * w + x) * spp:(y * w + x) * spp + spp] if x < w and y < h else bytes(spp)
            out.append(bytes(t))
    return out


GEOKEYS_32633 = [1, 1, 0, 3, 1024, 0, 1, 1, 1025, 0, 1, 1, 3072, 0, 1, 32633]


def build(tags, blocks, order='<', big=False, offsets_tag=324, counts_tag=325, next_ifd=0):
    """A TIFF with the given tags {tag: (type, [values])} and pixel blocks; the offsets and byte-count
    tags are filled in. Returns (bytearray, {tag: position of its IFD entry}, position of the IFD)."""
    tags = dict(tags)
    e = order
    head = 16 if big else 8
    data = bytearray()
    offs = []
    for b in blocks:
        offs.append(head + len(data))
        data += b
        if len(data) % 2:
            data += b'\0'
    if offsets_tag is not None:
        t = LONG8 if big else LONG
        tags.setdefault(offsets_tag, (t, offs))
        tags.setdefault(counts_tag, (t, [len(b) for b in blocks]))
    ifd = head + len(data)
    n = len(tags)
    entry_size, count_size, inline = (20, 8, 8) if big else (12, 2, 4)
    ifd_size = count_size + n * entry_size + (8 if big else 4)
    extra = bytearray()
    entries = bytearray()
    positions = {}
    for i, tag in enumerate(sorted(tags)):
        typ, vals = tags[tag]
        if typ == ASCII:
            raw = vals if isinstance(vals, bytes) else vals.encode() + b'\0'
            count = len(raw)
        elif typ in (RATIONAL, 10):
            raw = b''.join(struct.pack(e + 'II', *v) for v in vals)
            count = len(vals)
        else:
            raw = struct.pack(e + FMT[typ] * len(vals), *vals)
            count = len(vals)
        positions[tag] = ifd + count_size + i * entry_size
        if len(raw) <= inline:
            value = raw.ljust(inline, b'\0')
        else:
            where = ifd + ifd_size + len(extra)
            extra += raw
            if len(extra) % 2:
                extra += b'\0'
            value = struct.pack(e + ('Q' if big else 'I'), where)
        entries += struct.pack(e + 'HH' + ('Q' if big else 'I'), tag, typ, count) + value
    if big:
        header = (b'II' if e == '<' else b'MM') + struct.pack(e + 'HHHQ', 43, 8, 0, ifd)
        ifd_bytes = struct.pack(e + 'Q', n) + entries + struct.pack(e + 'Q', next_ifd)
    else:
        header = (b'II' if e == '<' else b'MM') + struct.pack(e + 'HI', 42, ifd)
        ifd_bytes = struct.pack(e + 'H', n) + entries + struct.pack(e + 'I', next_ifd)
    return bytearray(header + data + ifd_bytes + extra), positions, ifd


def base_tags(w=W, h=H, compression=8, tiled=True, extra=None, geo=True, spp=1, bits=8, fmt=1):
    t = {256: (LONG, [w]), 257: (LONG, [h]), 258: (SHORT, [bits] * spp), 259: (SHORT, [compression]),
         262: (SHORT, [1 if spp == 1 else 2]), 277: (SHORT, [spp]), 284: (SHORT, [1]), 339: (SHORT, [fmt] * spp)}
    if tiled:
        t[322] = (SHORT, [TILE])
        t[323] = (SHORT, [TILE])
    else:
        t[278] = (SHORT, [h])
    if geo:
        t[33550] = (DOUBLE, [10.0, 10.0, 0.0])
        t[33922] = (DOUBLE, [0.0, 0.0, 0.0, 500000.0, 5000000.0, 0.0])
        t[34735] = (SHORT, list(GEOKEYS_32633))
    if extra:
        t.update(extra)
    return t


def deflated_tiles(img=None):
    img = img or pattern(W, H)
    return [zlib.compress(t) for t in tiles_of(img, W, H, TILE, TILE)]


def base(**kw):
    order = kw.pop('order', '<')
    big = kw.pop('big', False)
    blocks = kw.pop('blocks', None)
    next_ifd = kw.pop('next_ifd', 0)
    return build(base_tags(**kw), deflated_tiles() if blocks is None else blocks, order=order, big=big,
                 next_ifd=next_ifd)


def entry(buf, pos, order='<', typ=None, count=None, value=None, big=False):
    """Patches an IFD entry in place."""
    if typ is not None:
        struct.pack_into(order + 'H', buf, pos + 2, typ)
    if count is not None:
        struct.pack_into(order + ('Q' if big else 'I'), buf, pos + 4, count)
    if value is not None:
        struct.pack_into(order + ('Q' if big else 'I'), buf, pos + (12 if big else 8), value)


def value_offset(buf, pos, order='<', big=False):
    return struct.unpack_from(order + ('Q' if big else 'I'), buf, pos + (12 if big else 8))[0]


FILES = []


def add(name, data, outcome, phrase, how):
    FILES.append((name, bytes(data), outcome, phrase, how))


def corpus():
    b, pos, ifd = base()
    add('base.tif', b, 'ok-pattern', '', 'the valid file every other one breaks')

    # --- not a TIFF, headers -------------------------------------------------------------------------
    add('empty.tif', b'', 'bad', 'not a TIFF file', 'zero bytes')
    add('header_only.tif', b[:4], 'bad', 'not a TIFF file', 'the first 4 bytes of base.tif')
    add('png_magic.tif', b'\x89PNG\r\n\x1a\n' + bytes(24), 'bad', 'not a TIFF file', 'a PNG signature')
    x = bytearray(b); x[2] = 41
    add('version_41.tif', x, 'bad', 'not a TIFF file', 'version 41 instead of 42')
    x = bytearray(b); x[0:2] = b'IM'
    add('mixed_byte_order.tif', x, 'bad', 'not a TIFF file', "byte-order mark 'IM'")
    bb, _, _ = base(big=True)
    x = bytearray(bb); struct.pack_into('<H', x, 4, 4)
    add('bigtiff_offset_size_4.tif', x, 'bad', 'offset size', 'BigTIFF header declaring 4-byte offsets')
    add('bigtiff_header_cut.tif', bb[:12], 'bad', 'truncated BigTIFF header', 'BigTIFF cut after 12 bytes')

    # --- truncated at many points --------------------------------------------------------------------
    tag_values = value_offset(b, pos[33922])
    for label, cut in [('8', 8), ('9', 9), ('in_ifd_count', ifd + 1), ('in_ifd_entries', ifd + 40),
                       ('end_of_ifd', ifd + 2 + 12 * len(pos)), ('in_tag_values', tag_values + 5),
                       ('in_first_tile', 8 + 10), ('last_byte', len(b) - 1)]:
        phrase = 'not a TIFF file' if cut < 8 else 'truncated'
        add('truncated_at_%s.tif' % label, b[:cut], 'bad', phrase, 'base.tif cut to %d of %d bytes' % (cut, len(b)))

    # --- IFD offsets and chains ----------------------------------------------------------------------
    x = bytearray(b); struct.pack_into('<I', x, 4, len(b) + 1000)
    add('ifd_offset_past_end.tif', x, 'bad', 'lies past the end', 'first IFD offset 1000 bytes past the end')
    x = bytearray(b); struct.pack_into('<I', x, 4, 0)
    add('ifd_offset_zero.tif', x, 'bad', 'truncated', 'first IFD offset 0')
    x = bytearray(b); struct.pack_into('<I', x, 4, 0xFFFFFFFF)
    add('ifd_offset_max.tif', x, 'bad', 'lies past the end', 'first IFD offset 0xFFFFFFFF')
    x = bytearray(b); struct.pack_into('<I', x, 4, 2)
    add('ifd_offset_into_header.tif', x, 'bad', 'truncated', 'first IFD offset 2 (inside the header)')
    x = bytearray(b); struct.pack_into('<H', x, ifd, 0)
    add('ifd_zero_entries.tif', x, 'bad', 'corrupt image directory', 'an IFD with 0 entries')
    x = bytearray(b); struct.pack_into('<H', x, ifd, 0xFFFF)
    add('ifd_65535_entries.tif', x, 'bad', 'image directory', 'an IFD claiming 65,535 entries')
    bl, _, ifdl = base(next_ifd=0)
    x = bytearray(bl); struct.pack_into('<I', x, ifdl + 2 + 12 * len(pos), ifdl)
    add('ifd_chain_loops_to_itself.tif', x, 'ok-pattern', '', "the first IFD's next-IFD offset points at itself")
    # two IFDs pointing at each other: append a copy of the IFD whose next offset is the first
    x = bytearray(bl)
    n = struct.unpack_from('<H', x, ifdl)[0]
    ifd_len = 2 + 12 * n + 4
    second = len(x)
    copy = bytearray(x[ifdl:ifdl + ifd_len]); struct.pack_into('<I', copy, 2 + 12 * n, ifdl)
    x += copy
    struct.pack_into('<I', x, ifdl + 2 + 12 * n, second)
    add('ifd_chain_loop_of_two.tif', x, 'ok-pattern', '', 'IFD 0 -> IFD 1 -> IFD 0 (IFD 1 a copy of IFD 0)')
    x = bytearray(bl); struct.pack_into('<I', x, ifdl + 2 + 12 * n, len(x) + 50)
    add('ifd_next_past_end.tif', x, 'ok-pattern', '', "the next-IFD offset points past the end")

    # --- tag counts, types and value offsets ---------------------------------------------------------
    x = bytearray(b); entry(x, pos[324], count=0xFFFFFFFF)
    add('tile_offsets_count_max.tif', x, 'bad', 'corrupt tag 324', 'TileOffsets count 0xFFFFFFFF')
    x = bytearray(b); entry(x, pos[258], count=0x40000000, value=8)
    add('bits_per_sample_count_huge.tif', x, 'bad', 'tag 258', 'BitsPerSample count 2^30')
    x = bytearray(b); entry(x, pos[33922], value=len(b) - 8)
    add('tag_values_past_end.tif', x, 'bad', 'points past the end', 'ModelTiepoint values start 8 bytes before the end')
    x = bytearray(b); entry(x, pos[256], typ=RATIONAL, count=1, value=8)
    add('width_as_rational.tif', x, 'bad', 'expected an integer type', 'ImageWidth stored as RATIONAL')
    x = bytearray(b); entry(x, pos[256], typ=99)
    add('width_unknown_type.tif', x, 'bad', 'absurd dimensions', 'ImageWidth with unknown type 99 (skipped, so no width)')

    # --- dimensions, tiles, bands ----------------------------------------------------------------------
    x = bytearray(b); entry(x, pos[256], value=0)
    add('width_zero.tif', x, 'bad', 'absurd dimensions', 'ImageWidth 0')
    x = bytearray(b); entry(x, pos[257], value=0)
    add('height_zero.tif', x, 'bad', 'absurd dimensions', 'ImageLength 0')
    x = bytearray(b); entry(x, pos[256], value=0xFFFFFFFF)
    add('width_4g.tif', x, 'bad', 'absurd dimensions', 'ImageWidth 0xFFFFFFFF')
    x = bytearray(b); entry(x, pos[256], value=100000); entry(x, pos[257], value=100000)
    add('dimensions_100000_squared.tif', x, 'bad', 'absurd dimensions', '100,000 x 100,000 pixels in 4 tiles')
    t = base_tags(w=100000, h=100000, extra={322: (LONG, [256]), 323: (LONG, [256]),
                                             324: (LONG, [0] * 4), 325: (LONG, [0] * 4)})
    add('tiles_100000_squared_sparse.tif', build(t, [], offsets_tag=None)[0], 'bad', 'absurd dimensions',
        '100,000 x 100,000 pixels in 256 x 256 tiles (%d needed) with 4 sparse tile entries' % (391 * 391))
    x = bytearray(b); entry(x, pos[322], value=0)
    add('tile_width_zero.tif', x, 'bad', 'absurd tile size', 'TileWidth 0')
    t = base_tags(extra={322: (LONG, [65536]), 323: (LONG, [65536])})
    add('tile_65536_squared.tif', build(t, [zlib.compress(bytes(64))])[0], 'bad', 'absurd tile size',
        'one 65,536 x 65,536 tile (4 GiB decoded)')
    t = base_tags(w=4096, h=4096, extra={322: (LONG, [4096]), 323: (LONG, [4096])})
    add('tile_16m_from_64_bytes.tif', build(t, [zlib.compress(bytes(64))])[0], 'bad', 'cannot hold',
        'a 4096 x 4096 tile (16 MiB) whose Deflate stream is 72 bytes: it cannot hold the tile')
    t = base_tags(tiled=False, compression=1, extra={278: (SHORT, [0])})
    add('rows_per_strip_zero.tif', build(t, [pattern(W, H)], offsets_tag=273, counts_tag=279)[0], 'bad',
        'absurd strip size', 'RowsPerStrip 0')
    t = base_tags(tiled=False, compression=1, extra={279: (LONG, [0xFFFFFFF0])})
    add('strip_byte_counts_huge.tif', build(t, [pattern(W, H)], offsets_tag=273, counts_tag=279)[0], 'bad',
        'lies past the end', 'StripByteCounts 0xFFFFFFF0 for a 1 KiB strip')
    t = base_tags(tiled=False, compression=1, extra={278: (SHORT, [8])})
    add('strip_offsets_count_short.tif', build(t, [pattern(W, H)], offsets_tag=273, counts_tag=279)[0], 'bad',
        'blocks', '4 strips needed (RowsPerStrip 8), 1 offset given')
    x = bytearray(b)
    offs_at = value_offset(x, pos[324])
    struct.pack_into('<I', x, offs_at + 4, len(x) + 100)
    add('tile_offset_past_end.tif', x, 'bad', 'lies past the end', 'tile 1 offset 100 bytes past the end')
    x = bytearray(b)
    counts_at = value_offset(x, pos[325])
    struct.pack_into('<I', x, counts_at + 8, len(x))
    add('tile_byte_count_past_end.tif', x, 'bad', 'lies past the end', 'tile 2 byte count as long as the file')
    x = bytearray(b); struct.pack_into('<I', x, counts_at, 0xFFFFFFFF)
    add('tile_byte_count_4g.tif', x, 'bad', 'lies past the end', 'tile 0 byte count 0xFFFFFFFF')
    x = bytearray(b); entry(x, pos[325], count=3)
    add('tile_byte_counts_count_wrong.tif', x, 'bad', 'corrupt block byte counts', '3 tile byte counts for 4 tiles')
    x = bytearray(b); entry(x, pos[277], value=0)
    add('zero_bands.tif', x, 'bad', 'has no bands', 'SamplesPerPixel 0')
    x = bytearray(b); entry(x, pos[277], value=65535)
    add('bands_65535.tif', x, 'bad', 'cannot hold', 'SamplesPerPixel 65,535 with one BitsPerSample')
    t = base_tags(spp=2, extra={258: (SHORT, [8, 16])})
    add('mixed_bit_depths.tif', build(t, deflated_tiles())[0], 'bad', 'mixed bit depths', 'BitsPerSample 8, 16')
    x = bytearray(b); entry(x, pos[258], value=12)
    add('bits_12.tif', x, 'bad', 'unsupported sample format', '12-bit samples')
    x = bytearray(b); entry(x, pos[258], value=0)
    add('bits_0.tif', x, 'bad', 'unsupported sample format', '0-bit samples')
    x = bytearray(b); entry(x, pos[339], value=5)
    add('sample_format_complex.tif', x, 'bad', 'unsupported sample format', 'SampleFormat 5 (complex integer)')

    # --- compression and block data ------------------------------------------------------------------
    for code, name, phrase in [(50000, 'zstd', 'unsupported compression ZSTD'), (34887, 'lerc', 'unsupported compression LERC'),
                               (6, 'old_jpeg', 'old-style JPEG'), (4242, 'unknown_4242', 'unsupported compression code 4242')]:
        x = bytearray(b); entry(x, pos[259], value=code)
        add('compression_%s.tif' % name, x, 'bad', phrase, 'Compression %d' % code)
    x = bytearray(b); entry(x, pos[259], value=1)
    add('uncompressed_blocks_too_short.tif', x, 'bad', 'tile', 'Compression 1 on the Deflate tiles (each shorter than 256 bytes)')
    t = base_tags(extra={317: (SHORT, [7])})
    add('predictor_7.tif', build(t, deflated_tiles())[0], 'bad', 'unsupported predictor', 'Predictor 7')
    x = bytearray(b); entry(x, pos[262], value=6)
    add('ycbcr_without_jpeg.tif', x, 'bad', 'YCbCr', 'Photometric YCbCr with Deflate')
    tiles = deflated_tiles()
    tiles[1] = bytes((i * 37 + 11) % 256 for i in range(len(tiles[1])))
    add('deflate_garbage.tif', build(base_tags(), tiles)[0], 'bad', 'tile 1', 'tile 1 replaced by garbage bytes')
    tiles = deflated_tiles()
    tiles[2] = tiles[2][:len(tiles[2]) // 2]
    add('deflate_stream_cut.tif', build(base_tags(), tiles)[0], 'bad', 'tile 2', 'tile 2 Deflate stream cut in half')
    bomb = zlib.compress(bytes(1 << 24), 9)
    tiles = deflated_tiles()
    tiles[0] = bomb
    add('deflate_bomb_16m_in_tile.tif', build(base_tags(), tiles)[0], 'ok', '',
        'tile 0 a %d-byte Deflate stream of 16 MiB of zeros (the tile holds 256 bytes): only 256 bytes are inflated' % len(bomb))
    lzw_tiles = [bytes([0x80, 0x01, 0xFF, 0xFF, 0xFF, 0xFF])] * 4
    add('lzw_code_beyond_table.tif', build(base_tags(compression=5), lzw_tiles)[0], 'bad', 'corrupt LZW data',
        'LZW tiles: a clear code, then code 511 with an empty table')
    lzw_tiles = [bytes([0x80, 0x00, 0x20])] * 4
    add('lzw_stream_short.tif', build(base_tags(compression=5), lzw_tiles)[0], 'bad', 'LZW data ends',
        'LZW tiles of 3 bytes')
    pb = [bytes([0x7F]) + bytes(10)] * 4
    add('packbits_literal_past_end.tif', build(base_tags(compression=32773), pb)[0], 'bad', 'PackBits',
        'PackBits tiles: a 128-byte literal with 10 bytes left')
    pb = [bytes([0x81, 0x00, 0x82, 0x00])] * 4
    add('packbits_short.tif', build(base_tags(compression=32773), pb)[0], 'bad', 'PackBits data ends',
        'PackBits tiles decoding to 255 of 256 bytes')
    jpeg_tile = b'\xff\xd8' + b'\xff\xe0\x00\x10JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x00\x00' + bytes(40)
    add('jpeg_garbage.tif', build(base_tags(compression=7), [jpeg_tile] * 4)[0], 'bad', 'corrupt JPEG data',
        'JPEG tiles holding a JFIF header and zeros')
    sof = (b'\xff\xd8\xff\xc0\x00\x0b\x08\xff\xff\xff\xff\x01\x01\x11\x00'
           + b'\xff\xc4\x00\x14\x00\x01' + bytes(15) + b'\x00'
           + b'\xff\xda\x00\x08\x01\x01\x00\x00\x3f\x00' + bytes(16) + b'\xff\xd9')
    add('jpeg_sof_65535_squared.tif', build(base_tags(compression=7), [sof] * 4)[0], 'bad', 'corrupt JPEG data',
        'JPEG tiles whose SOF declares 65,535 x 65,535 pixels (12 GiB as RGB)')

    # --- GeoKeys and georeferencing ------------------------------------------------------------------
    def geokeys(keys, extra=None):
        t = base_tags(extra={34735: (SHORT, keys)})
        if extra:
            t.update(extra)
        return build(t, deflated_tiles())[0]
    add('geokeys_version_2.tif', geokeys([2] + GEOKEYS_32633[1:]), 'bad', 'corrupt GeoKeys', 'key directory version 2')
    add('geokeys_count_past_end.tif', geokeys([1, 1, 0, 200] + GEOKEYS_32633[4:]), 'bad', 'corrupt GeoKeys',
        '200 keys declared, 3 present')
    add('geokeys_short_header.tif', geokeys([1, 1]), 'bad', 'corrupt GeoKeys', 'a key directory of 2 values')
    add('geokeys_unknown_location.tif', geokeys([1, 1, 0, 1, 3072, 999, 1, 0]), 'bad', 'corrupt GeoKeys',
        'a key stored in tag 999')
    add('geokeys_past_double_params.tif', geokeys([1, 1, 0, 2, 1024, 0, 1, 1, 2057, 34736, 1, 50],
                                                  {34736: (DOUBLE, [6378137.0])}), 'bad', 'GeoDoubleParams',
        'a key at index 50 of a 1-value GeoDoubleParams')
    add('geokeys_past_ascii_params.tif', geokeys([1, 1, 0, 2, 1024, 0, 1, 1, 1026, 34737, 40, 0],
                                                 {34737: (ASCII, 'short|')}), 'bad', 'GeoAsciiParams',
        'a 40-character key in a 6-character GeoAsciiParams')
    add('geokeys_inline_count_3.tif', geokeys([1, 1, 0, 1, 3072, 0, 3, 32633]), 'bad', 'inline values',
        'an inline key with count 3')
    add('geokeys_epsg_9999.tif', geokeys([1, 1, 0, 2, 1024, 0, 1, 1, 3072, 0, 1, 9999]), 'bad', 'unknown EPSG code 9999',
        'ProjectedCSTypeGeoKey 9999')
    add('geokeys_user_defined_empty.tif', geokeys([1, 1, 0, 2, 1024, 0, 1, 1, 3072, 0, 1, 32767]), 'bad',
        'GeoKeys', 'a user-defined projected CRS with no parameters')
    bl2, posl, ifdl2 = build(base_tags(extra={34735: (SHORT, [1, 1, 0, 2, 1024, 0, 1, 1, 3072, 0, 1, 32767])}),
                             deflated_tiles())
    x = bytearray(bl2); struct.pack_into('<I', x, ifdl2 + 2 + 12 * len(posl), ifdl2)
    add('user_defined_crs_ifd_loop.tif', x, 'bad', 'GeoKeys',
        'a user-defined CRS (Apache SIS reads the file) and an IFD chain that loops to itself')
    t = base_tags(extra={34264: (DOUBLE, [1.0, 0.0, 5.0])})
    del t[33550], t[33922]
    add('model_transformation_3_values.tif', build(t, deflated_tiles())[0], 'bad', 'ModelTransformation',
        'ModelTransformation with 3 values')
    add('pixel_scale_zero.tif', build(base_tags(extra={33550: (DOUBLE, [0.0, 0.0, 0.0])}), deflated_tiles())[0], 'bad',
        'georeferencing', 'ModelPixelScale 0, 0')
    add('tiepoint_nan.tif', build(base_tags(extra={33922: (DOUBLE, [0.0, 0.0, 0.0, float('nan'), float('inf'), 0.0])}),
                                  deflated_tiles())[0], 'bad', 'georeferencing', 'ModelTiepoint NaN, inf')
    x = bytearray(b); entry(x, pos[34735], count=0x7FFFFFFF)
    add('geokeys_count_huge.tif', x, 'bad', 'tag 34735', 'GeoKeyDirectory count 2^31 - 1')
    t = base_tags(extra={42113: (ASCII, 'x' * 40)})
    x, p2, _ = build(t, deflated_tiles())
    entry(x, p2[42113], count=1 << 24)
    add('nodata_16m_characters.tif', x, 'bad', 'tag 42113', 'GDAL_NODATA declaring 16 M characters')

    # --- BigTIFF and big-endian --------------------------------------------------------------------------
    x = bytearray(bb); struct.pack_into('<Q', x, 8, 1 << 62)
    add('bigtiff_ifd_offset_2e62.tif', x, 'bad', 'lies past the end', 'BigTIFF first IFD at 2^62')
    bbig, pbig, ifdbig = base(big=True)
    x = bytearray(bbig); struct.pack_into('<Q', x, ifdbig, 1 << 40)
    add('bigtiff_2e40_entries.tif', x, 'bad', 'corrupt image directory', 'a BigTIFF IFD claiming 2^40 entries')
    x = bytearray(bbig); entry(x, pbig[324], count=1 << 60, big=True)
    add('bigtiff_tile_offsets_count_2e60.tif', x, 'bad', 'corrupt tag 324', 'BigTIFF TileOffsets count 2^60')
    x = bytearray(bbig); struct.pack_into('<Q', x, value_offset(x, pbig[324], big=True), (1 << 63) - 1)
    add('bigtiff_tile_offset_2e63.tif', x, 'bad', 'lies past the end', 'BigTIFF tile 0 at offset 2^63 - 1')
    add('bigtiff_truncated.tif', bbig[:len(bbig) * 2 // 3], 'bad', 'truncated', 'BigTIFF cut to two thirds')
    mm, pmm, _ = base(order='>')
    add('big_endian_base.tif', mm, 'ok-pattern', '', 'base.tif written big-endian')
    x = bytearray(mm); entry(x, pmm[256], order='>', value=0)
    add('big_endian_width_zero.tif', x, 'bad', 'absurd dimensions', 'big-endian, ImageWidth 0')
    x = bytearray(mm); struct.pack_into('>I', x, 4, len(mm) + 7)
    add('big_endian_ifd_past_end.tif', x, 'bad', 'lies past the end', 'big-endian, first IFD past the end')


def gdal_verdict(path):
    try:
        r = subprocess.run(['gdalinfo', '-checksum', path], capture_output=True, text=True, timeout=60)
    except (OSError, subprocess.TimeoutExpired):
        return 'gdal:not-run'
    failed = r.returncode != 0 or 'ERROR' in r.stderr
    return 'gdal:fails' if failed else 'gdal:reads'


def main():
    corpus()
    for f in os.listdir(HERE):
        if f.endswith('.tif'):
            os.remove(os.path.join(HERE, f))
    lines = []
    for name, data, outcome, phrase, how in FILES:
        path = os.path.join(HERE, name)
        with open(path, 'wb') as out:
            out.write(data)
        lines.append('\t'.join([name, outcome, phrase, how, gdal_verdict(path)]))
    with open(os.path.join(HERE, 'manifest.tsv'), 'w') as out:
        out.write('# file\toutcome\tphrase\thow it was made\twhat GDAL does (information)\n')
        out.write('\n'.join(lines) + '\n')
    print(len(FILES), 'files,', sum(len(f[1]) for f in FILES), 'bytes')


if __name__ == '__main__':
    main()
