//! Writes the sample long report as PDF and DOCX: `cargo run -p bpf-report --example sample_pdf -- CHAPTERS OUT_STEM`.
fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut args = std::env::args().skip(1);
    let chapters: usize = args.next().map(|a| a.parse()).transpose()?.unwrap_or(12);
    let stem = args.next().unwrap_or_else(|| "target/sample-report".into());
    let (meta, parts, images) = bpf_report::sample::long_report(chapters);
    let t = std::time::Instant::now();
    let doc = bpf_report::assemble(meta, parts, images)?;
    let typesetter = bpf_report::pdf::Typesetter::new();
    let pdf = typesetter.pdf(&doc)?;
    eprintln!("pdf: {} bytes in {:?}", pdf.len(), t.elapsed());
    std::fs::write(format!("{stem}.pdf"), pdf)?;
    std::fs::write(format!("{stem}.docx"), bpf_report::docx::docx(&doc)?)?;
    Ok(())
}
