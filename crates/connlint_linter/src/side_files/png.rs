//! Just enough PNG to check a connector icon: the signature, the IHDR header, and the four
//! corner pixels (the chunks are walked, IDAT inflated with `miniz_oxide`, rows unfiltered).

/// The eight bytes every PNG starts with.
pub const SIGNATURE: [u8; 8] = [0x89, b'P', b'N', b'G', b'\r', b'\n', 0x1a, b'\n'];

/// The IHDR header.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Header {
    pub width: u32,
    pub height: u32,
    pub bit_depth: u8,
    pub color_type: u8,
    pub interlaced: bool,
}

/// Why the bytes are not a usable PNG.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PngError {
    /// The signature is missing; `looks_like` names the format the bytes seem to be in.
    NotPng { looks_like: Option<&'static str> },
    /// The file ends inside the signature or the header.
    Truncated,
    /// The first chunk is not a valid IHDR (`what` says how).
    BadHeader(&'static str),
}

/// Why the pixels could not be read (the header was fine).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PixelError {
    Interlaced,
    NoImageData,
    Corrupt(&'static str),
    TooLarge,
}

fn sniff(bytes: &[u8]) -> Option<&'static str> {
    let text = String::from_utf8_lossy(&bytes[..bytes.len().min(256)]).to_ascii_lowercase();
    if bytes.starts_with(&[0xff, 0xd8, 0xff]) {
        Some("JPEG")
    } else if bytes.starts_with(b"GIF8") {
        Some("GIF")
    } else if bytes.starts_with(b"BM") {
        Some("BMP")
    } else if bytes.len() >= 12 && &bytes[..4] == b"RIFF" && &bytes[8..12] == b"WEBP" {
        Some("WebP")
    } else if bytes.starts_with(&[0, 0, 1, 0]) {
        Some("ICO")
    } else if text.contains("<svg") {
        Some("SVG")
    } else {
        None
    }
}

fn be32(b: &[u8]) -> u32 {
    u32::from_be_bytes([b[0], b[1], b[2], b[3]])
}

/// Reads the signature and the IHDR chunk.
pub fn header(bytes: &[u8]) -> Result<Header, PngError> {
    if bytes.len() < 8 || bytes[..8] != SIGNATURE {
        if bytes.len() < 8 && SIGNATURE.starts_with(bytes) && !bytes.is_empty() {
            return Err(PngError::Truncated);
        }
        return Err(PngError::NotPng { looks_like: sniff(bytes) });
    }
    let Some(chunk) = bytes.get(8..8 + 8 + 13) else { return Err(PngError::Truncated) };
    if &chunk[4..8] != b"IHDR" {
        return Err(PngError::BadHeader("the first chunk is not IHDR"));
    }
    if be32(&chunk[..4]) != 13 {
        return Err(PngError::BadHeader("IHDR is not 13 bytes long"));
    }
    let d = &chunk[8..];
    let (width, height, bit_depth, color_type) = (be32(&d[0..4]), be32(&d[4..8]), d[8], d[9]);
    if width == 0 || height == 0 || width > i32::MAX as u32 || height > i32::MAX as u32 {
        return Err(PngError::BadHeader("the width or height is 0 or too large"));
    }
    let depth_ok = match color_type {
        0 => matches!(bit_depth, 1 | 2 | 4 | 8 | 16),
        3 => matches!(bit_depth, 1 | 2 | 4 | 8),
        2 | 4 | 6 => matches!(bit_depth, 8 | 16),
        _ => return Err(PngError::BadHeader("the colour type is not one PNG defines")),
    };
    if !depth_ok {
        return Err(PngError::BadHeader("the bit depth does not fit the colour type"));
    }
    if d[12] > 1 {
        return Err(PngError::BadHeader("the interlace method is not one PNG defines"));
    }
    Ok(Header { width, height, bit_depth, color_type, interlaced: d[12] == 1 })
}

/// An 8-bit RGBA pixel.
pub type Rgba = [u8; 4];

/// The pixels at the top-left, top-right, bottom-left and bottom-right corners.
pub fn corner_pixels(bytes: &[u8]) -> Result<[Rgba; 4], PixelError> {
    let h = header(bytes).map_err(|_| PixelError::Corrupt("bad header"))?;
    if h.interlaced {
        return Err(PixelError::Interlaced);
    }
    let (mut palette, mut trns, mut idat) = (&[][..], &[][..], Vec::new());
    let mut at = 8;
    while let Some(head) = bytes.get(at..at + 8) {
        let len = be32(head) as usize;
        let Some(data) = bytes.get(at + 8..(at + 8).saturating_add(len)) else {
            return Err(PixelError::Corrupt("a chunk runs past the end"));
        };
        match &head[4..8] {
            b"PLTE" => palette = data,
            b"tRNS" => trns = data,
            b"IDAT" => idat.extend_from_slice(data),
            b"IEND" => break,
            _ => {}
        }
        at += 12 + len;
    }
    if idat.is_empty() {
        return Err(PixelError::NoImageData);
    }
    let channels: usize = match h.color_type {
        0 | 3 => 1,
        2 => 3,
        4 => 2,
        _ => 4,
    };
    let bits_per_pixel = channels * h.bit_depth as usize;
    let stride = (h.width as usize * bits_per_pixel).div_ceil(8);
    let bpp = bits_per_pixel.div_ceil(8).max(1);
    let expected = (stride + 1).checked_mul(h.height as usize).ok_or(PixelError::TooLarge)?;
    if expected > 256 * 1024 * 1024 {
        return Err(PixelError::TooLarge);
    }
    let mut raw = miniz_oxide::inflate::decompress_to_vec_zlib_with_limit(&idat, expected)
        .map_err(|_| PixelError::Corrupt("the image data does not inflate"))?;
    if raw.len() < expected {
        return Err(PixelError::Corrupt("the image data is shorter than the image"));
    }
    // Rows are unfiltered in place, each from the one above it (zeros above the first).
    let line_len = stride + 1;
    let zeros = vec![0u8; stride];
    for y in 0..h.height as usize {
        let (above, rest) = raw.split_at_mut(y * line_len);
        let prev = if y == 0 { &zeros[..] } else { &above[above.len() - stride..] };
        let (filter, row) = rest[..line_len].split_first_mut().expect("a line holds its filter byte");
        unfilter(*filter, row, prev, bpp)?;
    }
    let first_row = &raw[1..line_len];
    let last_row = &raw[expected - stride..expected];
    let pixel = |line: &[u8], x: usize| -> Result<Rgba, PixelError> { pixel_at(&h, line, x, palette, trns) };
    let right = h.width as usize - 1;
    Ok([pixel(first_row, 0)?, pixel(first_row, right)?, pixel(last_row, 0)?, pixel(last_row, right)?])
}

/// Undoes one row's filter (PNG's five: none, sub, up, average, Paeth), given the unfiltered
/// row above it and the bytes per pixel. One loop per filter: the choice is made once a row,
/// not once a byte.
fn unfilter(filter: u8, row: &mut [u8], prev: &[u8], bpp: usize) -> Result<(), PixelError> {
    let left = bpp.min(row.len());
    match filter {
        0 => {}
        1 => {
            for i in left..row.len() {
                row[i] = row[i].wrapping_add(row[i - bpp]);
            }
        }
        2 => row.iter_mut().zip(prev).for_each(|(x, b)| *x = x.wrapping_add(*b)),
        3 => {
            for i in 0..left {
                row[i] = row[i].wrapping_add(prev[i] / 2);
            }
            for i in left..row.len() {
                row[i] = row[i].wrapping_add(((row[i - bpp] as u16 + prev[i] as u16) / 2) as u8);
            }
        }
        4 => {
            // With nothing to the left, Paeth predicts from the byte above.
            for i in 0..left {
                row[i] = row[i].wrapping_add(prev[i]);
            }
            for i in left..row.len() {
                row[i] = row[i].wrapping_add(paeth(row[i - bpp], prev[i], prev[i - bpp]));
            }
        }
        _ => return Err(PixelError::Corrupt("a row has an unknown filter")),
    }
    Ok(())
}

fn paeth(a: u8, b: u8, c: u8) -> u8 {
    let p = a as i16 + b as i16 - c as i16;
    let (pa, pb, pc) = ((p - a as i16).abs(), (p - b as i16).abs(), (p - c as i16).abs());
    if pa <= pb && pa <= pc {
        a
    } else if pb <= pc {
        b
    } else {
        c
    }
}

fn pixel_at(h: &Header, line: &[u8], x: usize, palette: &[u8], trns: &[u8]) -> Result<Rgba, PixelError> {
    let depth = h.bit_depth as usize;
    // A sample, scaled to 8 bits; `index` counts samples along the row.
    let sample = |index: usize| -> u8 {
        match depth {
            16 => line[index * 2],
            8 => line[index],
            _ => {
                let bit = index * depth;
                let v = (line[bit / 8] >> (8 - depth - bit % 8)) & ((1 << depth) - 1) as u8;
                if h.color_type == 3 {
                    v
                } else {
                    (v as u16 * 255 / ((1u16 << depth) - 1)) as u8
                }
            }
        }
    };
    let raw16 = |index: usize| -> u16 {
        if depth == 16 {
            u16::from_be_bytes([line[index * 2], line[index * 2 + 1]])
        } else {
            line.get(index).copied().unwrap_or(0) as u16
        }
    };
    Ok(match h.color_type {
        0 => {
            let g = sample(x);
            let transparent = trns.len() >= 2 && {
                let key = u16::from_be_bytes([trns[0], trns[1]]);
                if depth >= 8 {
                    raw16(x) == key
                } else {
                    (g as u16 * ((1u16 << depth) - 1) / 255) == key
                }
            };
            [g, g, g, if transparent { 0 } else { 255 }]
        }
        2 => {
            let (r, g, b) = (sample(x * 3), sample(x * 3 + 1), sample(x * 3 + 2));
            let transparent = trns.len() >= 6 && (0..3).all(|c| raw16(x * 3 + c) == u16::from_be_bytes([trns[c * 2], trns[c * 2 + 1]]));
            [r, g, b, if transparent { 0 } else { 255 }]
        }
        3 => {
            let i = sample(x) as usize;
            let rgb = palette.get(i * 3..i * 3 + 3).ok_or(PixelError::Corrupt("a pixel indexes past the palette"))?;
            [rgb[0], rgb[1], rgb[2], trns.get(i).copied().unwrap_or(255)]
        }
        4 => {
            let g = sample(x * 2);
            [g, g, g, sample(x * 2 + 1)]
        }
        _ => [sample(x * 4), sample(x * 4 + 1), sample(x * 4 + 2), sample(x * 4 + 3)],
    })
}

/// Builds a PNG (for tests): `pixels` gives each pixel's RGBA, rows top to bottom; colour
/// type 6 (RGBA) or 2 (RGB, alpha ignored); rows use filter `filter` (0 to 4).
#[cfg(test)]
pub fn encode(width: u32, height: u32, color_type: u8, filter: u8, pixel: impl Fn(u32, u32) -> Rgba) -> Vec<u8> {
    encode_with_filters(width, height, color_type, |_| filter, pixel)
}

/// [`encode`] with the filter of each row chosen by `filter_of(y)`.
#[cfg(test)]
fn encode_with_filters(
    width: u32,
    height: u32,
    color_type: u8,
    filter_of: impl Fn(u32) -> u8,
    pixel: impl Fn(u32, u32) -> Rgba,
) -> Vec<u8> {
    let channels = if color_type == 6 { 4 } else { 3 };
    let stride = width as usize * channels;
    let mut raw = Vec::new();
    let mut prev = vec![0u8; stride];
    for y in 0..height {
        let row: Vec<u8> = (0..width).flat_map(|x| pixel(x, y)[..channels].to_vec()).collect();
        let filter = filter_of(y);
        raw.push(filter);
        for i in 0..stride {
            let a = if i >= channels { row[i - channels] } else { 0 };
            let c = if i >= channels { prev[i - channels] } else { 0 };
            let predicted = match filter {
                0 => 0,
                1 => a,
                2 => prev[i],
                3 => ((a as u16 + prev[i] as u16) / 2) as u8,
                _ => paeth(a, prev[i], c),
            };
            raw.push(row[i].wrapping_sub(predicted));
        }
        prev = row;
    }
    let mut out = SIGNATURE.to_vec();
    let mut chunk = |kind: &[u8], data: &[u8]| {
        out.extend_from_slice(&(data.len() as u32).to_be_bytes());
        out.extend_from_slice(kind);
        out.extend_from_slice(data);
        out.extend_from_slice(&[0, 0, 0, 0]); // CRC: not checked by this reader
    };
    let mut ihdr = Vec::new();
    ihdr.extend_from_slice(&width.to_be_bytes());
    ihdr.extend_from_slice(&height.to_be_bytes());
    ihdr.extend_from_slice(&[8, color_type, 0, 0, 0]);
    chunk(b"IHDR", &ihdr);
    chunk(b"IDAT", &miniz_oxide::deflate::compress_to_vec_zlib(&raw, 6));
    chunk(b"IEND", &[]);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_the_header() {
        let png = encode(230, 120, 6, 0, |_, _| [1, 2, 3, 255]);
        assert_eq!(header(&png), Ok(Header { width: 230, height: 120, bit_depth: 8, color_type: 6, interlaced: false }));
    }

    #[test]
    fn rejects_other_formats_and_broken_headers() {
        assert_eq!(header(b"\xff\xd8\xff\xe0 jfif"), Err(PngError::NotPng { looks_like: Some("JPEG") }));
        assert_eq!(header(b"<?xml version='1.0'?><svg/>"), Err(PngError::NotPng { looks_like: Some("SVG") }));
        assert_eq!(header(b"hello"), Err(PngError::NotPng { looks_like: None }));
        assert_eq!(header(b""), Err(PngError::NotPng { looks_like: None }));
        assert_eq!(header(&SIGNATURE[..4]), Err(PngError::Truncated));
        assert_eq!(header(&SIGNATURE), Err(PngError::Truncated));
        let mut png = encode(2, 2, 6, 0, |_, _| [0; 4]);
        png[12..16].copy_from_slice(b"IDAT");
        assert_eq!(header(&png), Err(PngError::BadHeader("the first chunk is not IHDR")));
        let mut png = encode(2, 2, 6, 0, |_, _| [0; 4]);
        png[24] = 3; // bit depth 3
        assert_eq!(header(&png), Err(PngError::BadHeader("the bit depth does not fit the colour type")));
    }

    #[test]
    fn reads_corner_pixels_through_every_filter() {
        let color = |x: u32, y: u32| [x as u8 * 10, y as u8 * 20, 200, if x == 0 && y == 0 { 0 } else { 255 }];
        for filter in 0..=4 {
            let png = encode(5, 4, 6, filter, color);
            assert_eq!(
                corner_pixels(&png),
                Ok([[0, 0, 200, 0], [40, 0, 200, 255], [0, 60, 200, 255], [40, 60, 200, 255]]),
                "filter {filter}"
            );
        }
        let rgb = encode(3, 3, 2, 4, |_, _| [218, 59, 1, 0]);
        assert_eq!(corner_pixels(&rgb), Ok([[218, 59, 1, 255]; 4]));
    }

    #[test]
    fn reads_noisy_images_whose_rows_change_filter() {
        // Every byte of a noisy image depends on its neighbours through the filters, so the
        // bottom-right corner is right only when every row was undone right.
        let noise = |x: u32, y: u32| {
            let h = (x * 7919 + y * 104_729 + 17).wrapping_mul(2_654_435_761);
            [(h >> 24) as u8, (h >> 16) as u8, (h >> 8) as u8, h as u8]
        };
        for (width, height, color_type) in [(7, 9, 6), (13, 5, 2), (1, 6, 6), (6, 1, 2)] {
            for shift in 0..5 {
                let png = encode_with_filters(width, height, color_type, |y| ((y + shift) % 5) as u8, noise);
                let opaque = |p: Rgba| if color_type == 6 { p } else { [p[0], p[1], p[2], 255] };
                let expected = [noise(0, 0), noise(width - 1, 0), noise(0, height - 1), noise(width - 1, height - 1)].map(opaque);
                assert_eq!(corner_pixels(&png), Ok(expected), "{width}x{height}, type {color_type}, shift {shift}");
            }
        }
    }

    #[test]
    fn an_unknown_row_filter_is_an_error() {
        let png = encode_with_filters(3, 3, 6, |y| if y == 2 { 5 } else { 1 }, |_, _| [1, 2, 3, 4]);
        assert_eq!(corner_pixels(&png), Err(PixelError::Corrupt("a row has an unknown filter")));
    }

    #[test]
    fn corrupt_data_is_an_error_not_a_panic() {
        let mut png = encode(4, 4, 6, 0, |_, _| [9; 4]);
        let idat = png.windows(4).position(|w| w == b"IDAT").unwrap();
        png[idat + 6] ^= 0xff;
        assert!(corner_pixels(&png).is_err());
        let png = encode(4, 4, 6, 0, |_, _| [9; 4]);
        for cut in 8..png.len() {
            let _ = corner_pixels(&png[..cut]);
        }
    }
}
