//! Bytes to text: UTF-8 (with or without BOM), UTF-16 (with BOM, or detected by its zero
//! bytes), and a Windows-1252 fallback. Binary data is refused.

/// Text decoded from a file, and the encoding that was used.
#[derive(Debug)]
pub struct Decoded {
    /// The text (never contains NUL).
    pub text: String,
    /// The encoding's name.
    pub encoding: &'static str,
}

/// Why bytes could not be decoded.
#[derive(Debug, PartialEq, Eq)]
pub enum DecodeError {
    /// The data looks binary (NUL bytes or many control characters).
    Binary,
}

/// Decodes file bytes into text.
pub fn decode(bytes: &[u8]) -> Result<Decoded, DecodeError> {
    if let Some(rest) = bytes.strip_prefix(&[0xEF, 0xBB, 0xBF]) {
        let text = String::from_utf8_lossy(rest).into_owned();
        return finish(text, "UTF-8 (BOM)");
    }
    if bytes.starts_with(&[0xFF, 0xFE]) {
        let (t, _, _) = encoding_rs::UTF_16LE.decode(bytes);
        return finish(t.into_owned(), "UTF-16LE");
    }
    if bytes.starts_with(&[0xFE, 0xFF]) {
        let (t, _, _) = encoding_rs::UTF_16BE.decode(bytes);
        return finish(t.into_owned(), "UTF-16BE");
    }
    if let Some(enc) = sniff_utf16(bytes) {
        let (t, _) = enc.decode_without_bom_handling(bytes);
        return finish(t.into_owned(), enc.name());
    }
    if looks_binary(bytes) {
        return Err(DecodeError::Binary);
    }
    match std::str::from_utf8(bytes) {
        Ok(s) => finish(s.to_string(), "UTF-8"),
        Err(_) => {
            let (t, _, _) = encoding_rs::WINDOWS_1252.decode(bytes);
            finish(t.into_owned(), "Windows-1252")
        }
    }
}

fn finish(mut text: String, encoding: &'static str) -> Result<Decoded, DecodeError> {
    if text.contains('\0') {
        return Err(DecodeError::Binary);
    }
    if text.contains('\r') {
        text = text.replace("\r\n", "\n").replace('\r', "\n");
    }
    Ok(Decoded { text, encoding })
}

/// UTF-16 without a BOM: in mostly-ASCII text every other byte is zero.
fn sniff_utf16(bytes: &[u8]) -> Option<&'static encoding_rs::Encoding> {
    let n = bytes.len().min(4096) & !1;
    if n < 4 {
        return None;
    }
    let (mut even0, mut odd0) = (0usize, 0usize);
    for pair in bytes[..n].chunks_exact(2) {
        even0 += (pair[0] == 0) as usize;
        odd0 += (pair[1] == 0) as usize;
    }
    let pairs = n / 2;
    if odd0 * 10 >= pairs * 7 && even0 * 10 <= pairs {
        Some(encoding_rs::UTF_16LE)
    } else if even0 * 10 >= pairs * 7 && odd0 * 10 <= pairs {
        Some(encoding_rs::UTF_16BE)
    } else {
        None
    }
}

fn looks_binary(bytes: &[u8]) -> bool {
    let head = &bytes[..bytes.len().min(8192)];
    if head.contains(&0) {
        return true;
    }
    let control = head
        .iter()
        .filter(|&&b| b < 0x20 && !matches!(b, b'\n' | b'\r' | b'\t' | 0x0C))
        .count();
    !head.is_empty() && control * 20 > head.len()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decodes_each_encoding() {
        let cases: Vec<(Vec<u8>, &str, &str)> = vec![
            (b"plain".to_vec(), "plain", "UTF-8"),
            (b"\xEF\xBB\xBFbom".to_vec(), "bom", "UTF-8 (BOM)"),
            (vec![0xFF, 0xFE, b'h', 0, b'i', 0], "hi", "UTF-16LE"),
            (vec![0xFE, 0xFF, 0, b'h', 0, b'i'], "hi", "UTF-16BE"),
            (b"h\0e\0l\0l\0o\0".to_vec(), "hello", "UTF-16LE"),
            (
                b"caf\xe9 \x93quoted\x94".to_vec(),
                "café “quoted”",
                "Windows-1252",
            ),
            (b"a\r\nb\rc".to_vec(), "a\nb\nc", "UTF-8"),
        ];
        for (bytes, text, enc) in cases {
            let d = decode(&bytes).unwrap();
            assert_eq!(d.text, text);
            assert_eq!(d.encoding, enc);
        }
    }

    #[test]
    fn refuses_binary() {
        assert_eq!(
            decode(b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR").unwrap_err(),
            DecodeError::Binary
        );
        assert_eq!(
            decode(&[1, 2, 3, 4, 5, 6, 7, 8]).unwrap_err(),
            DecodeError::Binary
        );
    }
}
