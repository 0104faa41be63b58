//! File dialogs, the JSON export and saving a view as PNG, each on a thread of its own; what
//! they produce comes back to the UI thread as an [`Outcome`] through one channel.

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::mpsc::{Receiver, Sender, channel};

use super::loader::Loaded;

/// Which view a PNG is taken of.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PngTarget {
    /// The chart.
    Chart,
    /// The network.
    Network,
}

/// What a dialog or a save produced.
pub enum Outcome {
    /// A folder was picked to be opened.
    OpenFolder(PathBuf),
    /// A file was picked for the export.
    ExportTo(PathBuf),
    /// A file was picked for a view's PNG.
    PngTo(PathBuf, PngTarget),
    /// Something to say in the status bar.
    Message(String),
}

/// The dialogs and saves in flight.
pub struct Dialogs {
    tx: Sender<Outcome>,
    rx: Receiver<Outcome>,
}

impl Default for Dialogs {
    fn default() -> Self {
        let (tx, rx) = channel();
        Dialogs { tx, rx }
    }
}

impl Dialogs {
    /// Something that sends a status message back (for other threads).
    pub fn messenger(&self) -> impl Fn(String) + Send + Clone + 'static {
        let tx = self.tx.clone();
        move |m| {
            let _ = tx.send(Outcome::Message(m));
        }
    }

    /// The next outcome, if one arrived.
    pub fn poll(&self) -> Option<Outcome> {
        self.rx.try_recv().ok()
    }

    /// Asks for a folder to open.
    pub fn pick_folder(&self) {
        let tx = self.tx.clone();
        std::thread::spawn(move || {
            if let Some(p) = rfd::FileDialog::new()
                .set_title("Open a folder of articles")
                .pick_folder()
            {
                let _ = tx.send(Outcome::OpenFolder(p));
            }
        });
    }

    /// Asks where to write the export.
    pub fn pick_export(&self) {
        self.pick_save("proxylens-export.json", "json", Outcome::ExportTo);
    }

    /// Asks where to save a view as PNG.
    pub fn pick_png(&self, target: PngTarget) {
        let name = match target {
            PngTarget::Chart => "attack-chart.png",
            PngTarget::Network => "actor-network.png",
        };
        self.pick_save(name, "png", move |p| Outcome::PngTo(p, target));
    }

    fn pick_save(
        &self,
        name: &str,
        ext: &str,
        make: impl FnOnce(PathBuf) -> Outcome + Send + 'static,
    ) {
        let tx = self.tx.clone();
        let (name, ext) = (name.to_string(), ext.to_string());
        std::thread::spawn(move || {
            if let Some(p) = rfd::FileDialog::new()
                .set_file_name(&name)
                .add_filter(&ext, &[ext.as_str()])
                .save_file()
            {
                let _ = tx.send(make(p));
            }
        });
    }

    /// Writes the export of `data` to `path` off the UI thread.
    pub fn export(&self, data: Arc<Loaded>, path: PathBuf) {
        let say = self.messenger();
        std::thread::spawn(move || {
            say(
                match proxylens::export::write(&path, &data.corpus, &data.lexicon, &data.analysis) {
                    Ok(()) => format!("Exported {}", path.display()),
                    Err(e) => format!("Export failed: {e}"),
                },
            );
        });
    }

    /// Takes a screenshot of the window and saves the part in `rect` to `path`.
    pub fn save_png(&self, ctx: &egui::Context, rect: egui::Rect, path: PathBuf) {
        let ppp = ctx.pixels_per_point();
        let say = self.messenger();
        let wake = ctx.clone();
        ctx.send_viewport_cmd(egui::ViewportCommand::Screenshot(
            egui::ScreenshotCallback::new(move |image| {
                say(match save_png(&image, rect, ppp, &path) {
                    Ok(()) => format!("Saved {}", path.display()),
                    Err(e) => format!("Could not save {}: {e}", path.display()),
                });
                wake.request_repaint();
            }),
        ));
    }
}

/// Saves the part `rect` (in points, `ppp` pixels per point) of a screenshot as a PNG,
/// atomically.
pub fn save_png(
    image: &egui::ColorImage,
    rect: egui::Rect,
    ppp: f32,
    path: &Path,
) -> Result<(), String> {
    let [w, h] = image.size;
    let x0 = ((rect.min.x * ppp).max(0.0) as usize).min(w);
    let y0 = ((rect.min.y * ppp).max(0.0) as usize).min(h);
    let x1 = ((rect.max.x * ppp) as usize).clamp(x0, w);
    let y1 = ((rect.max.y * ppp) as usize).clamp(y0, h);
    let (cw, ch) = (x1 - x0, y1 - y0);
    if cw == 0 || ch == 0 {
        return Err("the view is not visible".into());
    }
    let mut rgba = Vec::with_capacity(cw * ch * 4);
    for y in y0..y1 {
        for x in x0..x1 {
            rgba.extend_from_slice(&image.pixels[y * w + x].to_array());
        }
    }
    let img = image::RgbaImage::from_raw(cw as u32, ch as u32, rgba)
        .ok_or("the screenshot has the wrong size")?;
    let mut buf = std::io::Cursor::new(Vec::new());
    img.write_to(&mut buf, image::ImageFormat::Png)
        .map_err(|e| e.to_string())?;
    proxylens::util::write_atomic(path, buf.get_ref()).map_err(|e| e.to_string())
}

/// The window icon, from `assets/icon.png`.
pub fn icon() -> Option<egui::IconData> {
    let bytes: &[u8] = include_bytes!("../../assets/icon.png");
    let img = image::load_from_memory_with_format(bytes, image::ImageFormat::Png)
        .ok()?
        .into_rgba8();
    Some(egui::IconData {
        width: img.width(),
        height: img.height(),
        rgba: img.into_raw(),
    })
}
