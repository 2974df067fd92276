use handout::build::today;
use handout::model::{load_clinic, load_handout};
use std::time::Instant;
fn main() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let t = Instant::now();
    let clinic = load_clinic(&root.join("clinic.toml")).unwrap();
    println!("clinic {:?}", t.elapsed());
    let sample = root.join("handouts/upper-back-pain-after-running.toml");
    for _ in 0..3 {
        let t = Instant::now();
        let h = load_handout(&sample, &clinic, None).unwrap();
        let t1 = t.elapsed();
        let doc = handout::layout::sheet(&h, &clinic, clinic.paper, today());
        let t2 = t.elapsed();
        let bytes = handout::render::pdf(&doc, &clinic.fonts);
        let t3 = t.elapsed();
        println!(
            "load {:?} layout {:?} render {:?} ({} bytes)",
            t1,
            t2 - t1,
            t3 - t2,
            bytes.len()
        );
    }
}
