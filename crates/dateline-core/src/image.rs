//! Pictures a release carries: checking that an [`Image`] block's bytes are
//! the PNG or JPEG picture its fields describe, and making one from a file.
//!
//! The bytes are read by `imagesize` (kind and pixel size from the header),
//! not by hand. Limits: at most [`MAX_IMAGE_BYTES`] (2 MiB, which keeps a
//! release's JSON, DOCX and HTML small enough to mail and well under the
//! per-field limit of `validate`) and [`MAX_SIDE_PX`] pixels on a side.

use base64::Engine;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::model::{Image, MediaType};

/// Largest picture a release may carry, in bytes (before base64).
pub const MAX_IMAGE_BYTES: usize = 2 * 1024 * 1024;
/// Largest width or height, in pixels.
pub const MAX_SIDE_PX: u32 = 10_000;

/// Why a picture was refused. Each names the problem in words an officer
/// can act on.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error, Serialize, Deserialize, TS)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum ImageError {
    #[error("the picture is empty")]
    Empty,
    #[error("the picture's data is not valid base64 ({detail})")]
    NotBase64 { detail: String },
    #[error("the file is not a PNG or JPEG picture ({found})")]
    NotPngOrJpeg { found: String },
    #[error("the picture is {bytes} bytes; a picture may be at most {limit} bytes (2 MB): make it smaller and insert it again")]
    TooLarge { bytes: u64, limit: u64 },
    #[error("the picture is {width}×{height} pixels; at most {limit} pixels on a side")]
    TooManyPixels { width: u32, height: u32, limit: u32 },
    #[error("the picture is marked {declared} but its bytes are {actual}")]
    WrongMediaType { declared: String, actual: String },
    #[error(
        "the picture is marked {declared_width}×{declared_height} pixels but is {width}×{height}"
    )]
    WrongSize {
        declared_width: u32,
        declared_height: u32,
        width: u32,
        height: u32,
    },
}

/// What the bytes are: kind and pixel size, or why they are refused.
pub fn inspect(bytes: &[u8]) -> Result<(MediaType, u32, u32), ImageError> {
    if bytes.is_empty() {
        return Err(ImageError::Empty);
    }
    if bytes.len() > MAX_IMAGE_BYTES {
        return Err(ImageError::TooLarge {
            bytes: bytes.len() as u64,
            limit: MAX_IMAGE_BYTES as u64,
        });
    }
    let kind = match imagesize::image_type(bytes) {
        Ok(imagesize::ImageType::Png) => MediaType::Png,
        Ok(imagesize::ImageType::Jpeg) => MediaType::Jpeg,
        Ok(other) => {
            return Err(ImageError::NotPngOrJpeg {
                found: format!("{other:?}"),
            })
        }
        Err(e) => {
            return Err(ImageError::NotPngOrJpeg {
                found: e.to_string(),
            })
        }
    };
    let size = imagesize::blob_size(bytes).map_err(|e| ImageError::NotPngOrJpeg {
        found: format!("{} with an unreadable size: {e}", kind.as_str()),
    })?;
    let (w, h) = (
        u32::try_from(size.width).unwrap_or(u32::MAX),
        u32::try_from(size.height).unwrap_or(u32::MAX),
    );
    if w == 0 || h == 0 || w > MAX_SIDE_PX || h > MAX_SIDE_PX {
        return Err(ImageError::TooManyPixels {
            width: w,
            height: h,
            limit: MAX_SIDE_PX,
        });
    }
    Ok((kind, w, h))
}

/// Makes an image block's data from a file's bytes.
pub fn from_bytes(bytes: &[u8], alt: &str, caption: &str) -> Result<Image, ImageError> {
    let (media_type, width, height) = inspect(bytes)?;
    Ok(Image {
        media_type,
        data: base64::engine::general_purpose::STANDARD.encode(bytes),
        width,
        height,
        alt: alt.to_string(),
        caption: caption.to_string(),
    })
}

/// Reads a picture file chosen by the officer (the app's file dialog, the
/// command line) into an image block's data, alt text and caption blank.
/// A file over the limit is refused before it is read whole.
pub fn from_file(path: &std::path::Path) -> crate::Result<Image> {
    let place = || format!("the picture {}", path.display());
    let len = std::fs::metadata(path)
        .map_err(|e| crate::Error::read(path, e))?
        .len();
    if len > MAX_IMAGE_BYTES as u64 {
        return Err(crate::Error::Image {
            place: place(),
            source: ImageError::TooLarge {
                bytes: len,
                limit: MAX_IMAGE_BYTES as u64,
            },
        });
    }
    let bytes = std::fs::read(path).map_err(|e| crate::Error::read(path, e))?;
    from_bytes(&bytes, "", "").map_err(|source| crate::Error::Image {
        place: place(),
        source,
    })
}

/// The picture's bytes, checked against its declared kind and size.
pub fn bytes(img: &Image) -> Result<Vec<u8>, ImageError> {
    // Refuse before decoding what cannot be within the limit.
    if img.data.len() > MAX_IMAGE_BYTES / 3 * 4 + 4 {
        return Err(ImageError::TooLarge {
            bytes: (img.data.len() / 4 * 3) as u64,
            limit: MAX_IMAGE_BYTES as u64,
        });
    }
    let bytes = base64::engine::general_purpose::STANDARD
        .decode(img.data.trim())
        .map_err(|e| ImageError::NotBase64 {
            detail: e.to_string(),
        })?;
    let (kind, width, height) = inspect(&bytes)?;
    if kind != img.media_type {
        return Err(ImageError::WrongMediaType {
            declared: img.media_type.as_str().into(),
            actual: kind.as_str().into(),
        });
    }
    if (width, height) != (img.width, img.height) {
        return Err(ImageError::WrongSize {
            declared_width: img.width,
            declared_height: img.height,
            width,
            height,
        });
    }
    Ok(bytes)
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    /// A 3×2 PNG, written by ImageMagick (`convert -size 3x2 xc:#1F4E79`).
    pub const PNG_3X2: &[u8] = include_bytes!("../tests/fixtures/images/3x2.png");
    /// A 4×4 JPEG (`convert -size 4x4 xc:#B00020`).
    pub const JPEG_4X4: &[u8] = include_bytes!("../tests/fixtures/images/4x4.jpg");

    #[test]
    fn reads_png_and_jpeg() {
        assert_eq!(inspect(PNG_3X2), Ok((MediaType::Png, 3, 2)));
        assert_eq!(inspect(JPEG_4X4), Ok((MediaType::Jpeg, 4, 4)));
        let img = from_bytes(JPEG_4X4, "a red square", "Red").unwrap();
        assert_eq!(bytes(&img).unwrap(), JPEG_4X4);
    }

    #[test]
    fn names_each_problem() {
        assert_eq!(inspect(b""), Err(ImageError::Empty));
        assert!(matches!(
            inspect(b"GIF89a\x01\x00\x01\x00\x00\x00\x00"),
            Err(ImageError::NotPngOrJpeg { .. })
        ));
        assert!(matches!(
            inspect(b"hello, not a picture"),
            Err(ImageError::NotPngOrJpeg { .. })
        ));
        let mut big = PNG_3X2.to_vec();
        big.resize(MAX_IMAGE_BYTES + 1, 0);
        let e = inspect(&big).unwrap_err();
        assert!(e.to_string().contains("at most 2097152 bytes"), "{e}");
        let mut img = from_bytes(PNG_3X2, "", "").unwrap();
        img.media_type = MediaType::Jpeg;
        assert_eq!(
            bytes(&img).unwrap_err().to_string(),
            "the picture is marked image/jpeg but its bytes are image/png"
        );
        let mut img = from_bytes(PNG_3X2, "", "").unwrap();
        img.width = 30;
        assert!(matches!(bytes(&img), Err(ImageError::WrongSize { .. })));
        img.data = "%%%".into();
        assert!(matches!(bytes(&img), Err(ImageError::NotBase64 { .. })));
        let dir = tempfile::tempdir().unwrap();
        let gif = dir.path().join("x.gif");
        std::fs::write(&gif, b"GIF89a\x01\x00\x01\x00\x00\x00\x00").unwrap();
        let e = from_file(&gif).unwrap_err();
        assert_eq!(e.code(), crate::ErrorCode::Image);
        assert!(
            e.to_string()
                .contains("x.gif: the file is not a PNG or JPEG picture"),
            "{e}"
        );
        let jpg = dir.path().join("x.jpg");
        std::fs::write(&jpg, JPEG_4X4).unwrap();
        assert_eq!(from_file(&jpg).unwrap().media_type, MediaType::Jpeg);
        // A PNG header claiming 20000 px: refused by size, not read further.
        let mut huge = PNG_3X2.to_vec();
        huge[16..20].copy_from_slice(&20_000u32.to_be_bytes());
        assert!(matches!(
            inspect(&huge),
            Err(ImageError::TooManyPixels { width: 20_000, .. })
        ));
    }
}
