// Generated from the Rust vocabularies (src/domain/vocabolario.rs) by `tests/bindings.rs`. Do not edit.

import type { StatoIntervento } from "./StatoIntervento";
import type { StatoServizio } from "./StatoServizio";
import type { StatoIncontro } from "./StatoIncontro";
import type { Modalita } from "./Modalita";
import type { TipoEnte } from "./TipoEnte";
import type { RuoloEnte } from "./RuoloEnte";
import type { TitoloStudio } from "./TitoloStudio";
import type { CondizioneOccupazionale } from "./CondizioneOccupazionale";
import type { CondizioneAbitativa } from "./CondizioneAbitativa";
import type { EsitoRiga } from "./EsitoRiga";
import type { AzioneUnione } from "./AzioneUnione";
import type { StatoPagina } from "./StatoPagina";

export const STATI_INTERVENTO: Record<StatoIntervento, string> = {
  bozza: "Bozza",
  attivo: "Attivo",
};

export const STATI_SERVIZIO: Record<StatoServizio, string> = {
  in_definizione: "In definizione",
  in_corso: "In corso",
  chiuso: "Chiuso",
};

export const STATI_INCONTRO: Record<StatoIncontro, string> = {
  aperto: "Aperto",
  chiuso: "Chiuso",
};

export const MODALITA: Record<Modalita, string> = {
  individuale: "Individuale",
  gruppo: "Gruppo",
};

export const TIPI_ENTE: Record<TipoEnte, string> = {
  scuola: "Scuola",
  universita: "Università",
  azienda: "Azienda",
  cpi: "Centro per l'impiego",
  informagiovani: "Informagiovani",
  sli: "SLI",
  its: "ITS",
  comune: "Comune",
  fondazione: "Fondazione",
  associazione: "Associazione",
  ente_formativo: "Ente formativo",
  altro: "Altro",
};

export const RUOLI_ENTE: Record<RuoloEnte, string> = {
  destinatario: "Destinatario degli interventi",
  coprogettatore: "Coprogettatore",
};

export const TITOLI_STUDIO: Record<TitoloStudio, string> = {
  nessuno: "Nessun titolo",
  licenza_elementare: "Licenza elementare (ISCED 1)",
  licenza_media: "Licenza media (ISCED 2)",
  qualifica: "Qualifica professionale (ISCED 3)",
  diploma: "Diploma di scuola secondaria superiore (ISCED 3)",
  post_diploma: "Post-diploma, IFTS (ISCED 4)",
  terziario: "ITS, laurea o superiore (ISCED 5-8)",
};

export const CONDIZIONI_OCCUPAZIONALI: Record<CondizioneOccupazionale, string> = {
  studente: "Studente",
  in_cerca_prima_occupazione: "In cerca di prima occupazione",
  disoccupato: "Disoccupato",
  occupato: "Occupato",
  inattivo: "Inattivo diverso da studente",
};

export const CONDIZIONI_ABITATIVE: Record<CondizioneAbitativa, string> = {
  nessun_disagio: "Nessun disagio abitativo",
  esclusione_abitativa: "Senza dimora o in esclusione abitativa",
};

export const ESITI_RIGA: Record<EsitoRiga, string> = {
  nuovo: "Nuovo",
  esistente: "Già in anagrafica",
  gia_iscritto: "Già iscritto",
  errore: "Errore",
};

export const AZIONI_UNIONE: Record<AzioneUnione, string> = {
  aggiunge: "Aggiunge",
  aggiorna: "Aggiorna",
  cancella: "Cancella",
  conflitto: "Conflitto",
};

export const STATI_PAGINA: Record<StatoPagina, string> = {
  letta: "Letta",
  non_sportello: "Non è un registro Sportello",
  altro_database: "Di un altro database",
  duplicata: "Già letta",
  modificata: "Stampata prima di una modifica",
  compilata: "Copia già compilata",
  illeggibile: "Illeggibile",
};
