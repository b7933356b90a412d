//! What the window costs the machine (issue #15: ≤ 250 MB PSS in all on a
//! region's year, measured by `e2e/misura.sh`). WebKit's accelerated
//! compositing held 70–150 MB in its web process for screens of forms and
//! tables that never animate; without it they are drawn in software. (Its
//! WebDriver screenshots need the compositor: the end-to-end tests take
//! theirs from the X display instead.)

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
