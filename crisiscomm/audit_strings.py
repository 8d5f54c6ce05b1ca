"""What `crisiscomm verify` says about the record, in Turkish and English (table names and event
kinds are the database's own ids: a forensic reader needs them to find the row)."""

from crisiscomm.i18n import register

register({
    "record.holds": {
        "tr": "zincir sağlam: {events} kayıt; durum tabloları sağlam: {rows} satır kayıtlarla uyumlu{signed}{redacted}; "
              "zincir başı {head}",
        "en": "chain holds: {events} events; state holds: {rows} rows match their events{signed}{redacted}; head {head}"},
    "record.signed": {"tr": "; {count} imzalı onay doğrulandı",
                      "en": {"one": "; {count} signed approval verified", "other": "; {count} signed approvals verified"}},
    "record.redacted": {
        "tr": "; {count} kaydın içeriği bir silme işlemiyle maskelendi (her biri, sonraki bir silme kaydında yeni özet "
              "değeriyle anılıyor)",
        "en": {"one": "; {count} event payload redacted by an erasure, named with its new digest by a later "
                      "mention.erased event",
               "other": "; {count} event payloads redacted by an erasure, each named with its new digest by a later "
                        "mention.erased event"}},
    "record.broken": {"tr": "kayıt bozuk: {where}{problem}{more}", "en": "record broken at {where}{problem}{more}"},
    "record.at_event": {"tr": "{id} numaralı kayıt: ", "en": "event {id}: "},
    "record.more": {"tr": " ({count} sorun daha)", "en": {"one": " ({count} more problem)",
                                                          "other": " ({count} more problems)"}},
    "record.missing": {"tr": "{id} numaralı kayıt eksik", "en": "event {id} is missing"},
    "record.prev_hash": {"tr": "önceki kaydın özet değeri (prev_hash) bir önceki kayıtla uyuşmuyor",
                         "en": "its prev_hash does not match the event before it"},
    "record.content": {"tr": "içeriği özet değeriyle uyuşmuyor", "en": "its content does not match its hash"},
    "record.payload": {"tr": "içeriği kayıtlı özet değeriyle uyuşmuyor ve hiçbir silme işlemi onu maskelemedi",
                       "en": "its payload does not match its payload hash, and no erasure redacted it"},
    "record.head_missing": {
        "tr": "{head} zincir başı zincirde yok: ona kadarki kayıtlar silinmiş ya da bu zincir başı burada hiç "
              "yayımlanmamış",
        "en": "head {head} is not in the chain: events up to it were removed or it was never published here"},
    "record.row_added_then_changed": {
        "tr": "{table} tablosunun {row} satırını {id} numaralı kayıt ({kind}) değiştirdi ama satır daha önce hiçbir "
              "kayıtta yoktu: crisiscomm dışında eklenmiş",
        "en": "{table} row {row}, changed by event {id} ({kind}), was recorded by no event before: it was added "
              "outside crisiscomm"},
    "record.row_changed_between": {
        "tr": "{table} tablosunun {row} satırı, {first} numaralı kayıttan ({first_kind}) sonra ve {id} numaralı "
              "kayıttan ({kind}) önce crisiscomm dışında değiştirilmiş",
        "en": "{table} row {row} was changed outside crisiscomm after event {first} ({first_kind}) recorded it, "
              "before event {id} ({kind}) changed it again"},
    "record.row_added": {"tr": "{table} tablosunun {row} satırı hiçbir kayıtta yok (crisiscomm dışında eklenmiş)",
                         "en": "{table} row {row} was recorded by no event (added outside crisiscomm)"},
    "record.row_changed": {
        "tr": "{table} tablosunun {row} satırı, {id} numaralı kaydın ({kind}) kaydettiğiyle uyuşmuyor: crisiscomm "
              "dışında değiştirilmiş",
        "en": "{table} row {row} does not match what event {id} ({kind}) recorded: it was changed outside crisiscomm"},
    "record.row_deleted": {
        "tr": "{table} tablosunun {id} numaralı kayıtta ({kind}) bulunan {row} satırı yok: crisiscomm dışında silinmiş",
        "en": "{table} row {row}, recorded by event {id} ({kind}), is gone: it was deleted outside crisiscomm"},
})
