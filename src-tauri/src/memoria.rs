//! What the window costs the machine (issue #15: ≤ 250 MB PSS in all on a
//! region's year, measured by `e2e/misura.sh`). WebKit's accelerated
//! compositing held 70–150 MB in its web process for screens of forms and
//! tables that never animate; without it they are drawn in software. (Its
//! WebDriver screenshots need the compositor: the end-to-end tests take
//! theirs from the X display instead.)
//!
//! Memory the window has finished with goes back to the system: glibc's
//! malloc kept what the year's indicators had used (the app held ~90 MB more
//! after them), so on Linux the window allocates with jemalloc, which takes
//! over malloc for GTK and SQLite too. Its settings (`.cargo/config.toml`) have a
//! background thread give freed pages back 0.2 s after they were freed, even
//! while the window sits idle (jemalloc's usual ten seconds, counted only
//! while allocating, left what the login and Oggi had used); giving them back
//! at once made a batch of registers 2.5× slower. Each operation also ends by
//! giving back its connection's page cache (`Store::libera_memoria`).

/// The window's allocator (not the command line's, which runs once and exits).
#[cfg(target_os = "linux")]
#[global_allocator]
static ALLOCATORE: tikv_jemallocator::Jemalloc = tikv_jemallocator::Jemalloc;

/// WebKit's settings for the main window, once it exists.
pub fn leggera(app: &tauri::App) {
    use tauri::Manager;
    let Some(finestra) = app.get_webview_window("main") else {
        return;
    };
    let esito = finestra.with_webview(|webview| {
        #[cfg(target_os = "linux")]
        {
            use webkit2gtk::{HardwareAccelerationPolicy, SettingsExt, WebViewExt};
            if let Some(impostazioni) = WebViewExt::settings(&webview.inner()) {
                impostazioni.set_hardware_acceleration_policy(HardwareAccelerationPolicy::Never);
            }
        }
        #[cfg(not(target_os = "linux"))]
        let _ = webview;
    });
    if let Err(e) = esito {
        eprintln!("Impostazioni di WebKit non applicate: {e}");
    }
}
