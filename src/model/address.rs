//! A web address as a browser sends it: a host in other letters than
//! English ones in punycode (`bücher.example` → `xn--bcher-kva.example`), a
//! path's other letters and spaces percent-encoded. A QR code and a PDF
//! link hold this form, so a phone opens the page the clinic meant; the
//! leaflet still prints the address as written.

/// `address` encoded, or why it cannot be. An address without a scheme is a
/// web address, and stays without one.
pub fn encoded(address: &str) -> Result<String, String> {
    if address.is_ascii() && !address.contains(' ') {
        return Ok(address.to_string());
    }
    let (had_scheme, full) = match address.split_once("://") {
        Some(_) => (true, address.to_string()),
        None => (false, format!("https://{address}")),
    };
    let url = url::Url::parse(&full)
        .map_err(|e| format!("`{address}` is not a web address a phone can open ({e})"))?;
    let text = String::from(url);
    Ok(match had_scheme {
        true => text,
        false => text.trim_start_matches("https://").to_string(),
    })
}

#[cfg(test)]
mod tests {
    use super::encoded;

    #[test]
    fn hosts_become_punycode_and_paths_percent_encoded() {
        assert_eq!(
            encoded("https://bücher.example/café ß").unwrap(),
            "https://xn--bcher-kva.example/caf%C3%A9%20%C3%9F"
        );
        assert_eq!(
            encoded("münchen.example/book").unwrap(),
            "xn--mnchen-3ya.example/book"
        );
        assert_eq!(
            encoded("https://example.org/book").unwrap(),
            "https://example.org/book"
        );
    }
}
