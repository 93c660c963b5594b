//! The fonts compiled into the binary: the PDF depends on nothing installed on the machine.
//! Libertinus Serif (body, SIL OFL 1.1), Noto Sans (headings, cover, tables; SIL OFL 1.1),
//! DejaVu Sans Mono (code; Bitstream Vera licence). Licences in `fonts/NOTICE-*`.

pub const BODY: &str = "Libertinus Serif";
pub const SANS: &str = "Noto Sans";
pub const MONO: &str = "DejaVu Sans Mono";

pub static FILES: &[&[u8]] = &[
    include_bytes!("../fonts/LibertinusSerif-Regular.otf"),
    include_bytes!("../fonts/LibertinusSerif-Bold.otf"),
    include_bytes!("../fonts/LibertinusSerif-Italic.otf"),
    include_bytes!("../fonts/LibertinusSerif-BoldItalic.otf"),
    include_bytes!("../fonts/NotoSans-Regular.ttf"),
    include_bytes!("../fonts/NotoSans-Bold.ttf"),
    include_bytes!("../fonts/NotoSans-Italic.ttf"),
    include_bytes!("../fonts/DejaVuSansMono.ttf"),
    include_bytes!("../fonts/DejaVuSansMono-Bold.ttf"),
];
