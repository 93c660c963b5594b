//! Pictures checked when they are added, so an export never meets one it cannot show.

use crate::error::{ReportError, Result};
use crate::model::{Image, ImageFormat};

/// The most pixels a picture may have: far more than any print needs (a full A4 page at 600 dpi
/// is 35 million), and a bound on what decoding it can take (a crafted file's header may claim
/// billions of pixels in a few bytes).
pub const MAX_PIXELS: u64 = 60_000_000;

/// Width and height in pixels (SVG: in its user units), or why the picture cannot be used.
pub fn size(image: &Image) -> Result<(u32, u32)> {
    let (w, h) = declared_size(image)?;
    if u64::from(w) * u64::from(h) > MAX_PIXELS && image.format != ImageFormat::Svg {
        return Err(ReportError::Image {
            name: image.name.clone(),
            reason: format!(
                "the picture is {w} × {h} pixels, more than the {} million a report picture may have: scale it down",
                MAX_PIXELS / 1_000_000
            ),
        });
    }
    Ok((w, h))
}

fn declared_size(image: &Image) -> Result<(u32, u32)> {
    let broken = |reason: &str| ReportError::Image { name: image.name.clone(), reason: reason.into() };
    let b = &image.bytes;
    match image.format {
        ImageFormat::Png => {
            if b.len() < 24 || &b[12..16] != b"IHDR" {
                return Err(broken("the PNG file is truncated or damaged"));
            }
            let w = u32::from_be_bytes([b[16], b[17], b[18], b[19]]);
            let h = u32::from_be_bytes([b[20], b[21], b[22], b[23]]);
            if w == 0 || h == 0 {
                return Err(broken("the PNG has no pixels"));
            }
            Ok((w, h))
        }
        ImageFormat::Jpeg => {
            // Walk the markers to the first start-of-frame.
            let mut i = 2;
            while i + 9 < b.len() {
                if b[i] != 0xFF {
                    return Err(broken("the JPEG file is damaged"));
                }
                let marker = b[i + 1];
                let len = usize::from(u16::from_be_bytes([b[i + 2], b[i + 3]]));
                if (0xC0..=0xCF).contains(&marker) && !matches!(marker, 0xC4 | 0xC8 | 0xCC) {
                    let h = u32::from(u16::from_be_bytes([b[i + 5], b[i + 6]]));
                    let w = u32::from(u16::from_be_bytes([b[i + 7], b[i + 8]]));
                    if w == 0 || h == 0 {
                        return Err(broken("the JPEG has no pixels"));
                    }
                    return Ok((w, h));
                }
                i += 2 + len;
            }
            Err(broken("the JPEG file is truncated"))
        }
        ImageFormat::Svg => {
            let tree = resvg::usvg::Tree::from_data(b, &resvg::usvg::Options::default())
                .map_err(|e| broken(&format!("the SVG cannot be read ({e})")))?;
            let size = tree.size();
            Ok((size.width().ceil() as u32, size.height().ceil() as u32))
        }
    }
}
