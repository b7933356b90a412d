use super::*;

#[test]
fn a_slot_opens_with_its_password_only() {
    let k = Chiave::nuova().unwrap();
    let (mut p, codice) = Portachiavi::nuovo(&k, "PRossi", "una password lunga").unwrap();
    assert_eq!(p.apri("prossi", "una password lunga").unwrap().0, k.0);
    assert!(matches!(
        p.apri("prossi", "un'altra password"),
        Err(Error::Accesso {
            motivo: MotivoAccesso::Credenziali,
            ..
        })
    ));
    assert!(p.apri("nessuno", "una password lunga").is_err());
    // The recovery code, typed back in lowercase with spaces.
    assert_eq!(codice.len(), 39);
    let scritto = codice.to_lowercase().replace('-', " ");
    assert_eq!(p.apri_con_recupero(&scritto).unwrap().0, k.0);
    assert!(
        p.apri_con_recupero("0000-0000-0000-0000-0000-0000-0000-0000")
            .is_err()
    );
    // A slot moved to another name does not open.
    p.imposta(&k, "lneri", "seconda password").unwrap();
    let s = p
        .slot
        .iter()
        .position(|s| s.utente == p.etichetta("lneri"))
        .unwrap();
    p.slot[s].utente = p.etichetta("admin");
    assert!(p.apri("admin", "seconda password").is_err());
    // The key file names nobody.
    assert!(p.slot.iter().all(|s| !s.utente.contains("lneri")));
    assert!(controlla_password("corta").is_err());
}
