//! Writes the sample brief (a contribution with an addressee block) as PDF and DOCX:
//! `cargo run -p bpf-report --example sample_brief -- OUT_STEM`.
fn main() -> Result<(), Box<dyn std::error::Error>> {
    let stem = std::env::args().nth(1).unwrap_or_else(|| "target/sample-brief".into());
    let (meta, parts, images) = bpf_report::sample::brief();
    let doc = bpf_report::assemble(meta, parts, images)?;
    std::fs::write(format!("{stem}.pdf"), bpf_report::pdf::Typesetter::new().pdf(&doc)?)?;
    std::fs::write(format!("{stem}.docx"), bpf_report::docx::docx(&doc)?)?;
    Ok(())
}
