//! Lines break where a reader expects: a state and its postal code
//! ("NY 10003") stay on one line in every layout and language.

use crate::common::*;

#[test]
fn a_state_and_its_postal_code_share_a_line() {
    let dir = tempfile::tempdir().unwrap();
    let layouts: [&[&str]; 3] = [&[], &["--large-print"], &["--layout", "trifold"]];
    for file in sample_handouts() {
        let short = file.to_string_lossy().contains("neck-pain");
        for args in layouts.iter().filter(|a| short || !a.contains(&"trifold")) {
            let pdf = build(dir.path(), &file, args);
            let text = text_of(&pdf);
            let postal = text.lines().filter(|l| l.contains("10003"));
            for line in postal {
                assert!(
                    squeezed(line).contains("NY10003"),
                    "{} {args:?}: {line:?}",
                    file.display()
                );
            }
            assert!(text.contains("10003"), "{}: no address", file.display());
        }
    }
}
