"""The errors a person reads (CLI and dashboard), in Turkish and English.

An error is worded when it is raised, in the UI language; the CLI prints it after
`hata:`/`error:`, the dashboard in its message line. Ids a Turkish screen must not
show (rule ids, states) are put into words by the caller.
"""

from crisiscomm.i18n import register
from crisiscomm.review import strings  # noqa: F401  (the states errors name: review.state.*)

register({
    # incidents
    "error.incident.not_found": {"tr": "{id} numaralı olay yok", "en": "no incident {id}"},
    "error.incident.closed": {"tr": "{id} numaralı olay kapalı", "en": "incident {id} is closed"},
    "error.incident.no_title": {"tr": "olayın bir başlığı olmalı", "en": "an incident needs a title"},
    "error.incident.severity": {"tr": "Seviye 1 ile 4 arasında olmalı ({severity} olamaz)",
                                "en": "severity must be 1–4, not {severity}"},
    "error.incident.status": {"tr": "durum şunlardan biri olmalı: {states}", "en": "status must be one of {states}"},
    "error.incident.clock_speed": {"tr": "olay saatinin hızı 0'dan büyük ve en çok {max} olmalı",
                                   "en": "clock speed must be a number above 0 and at most {max}"},
    "error.incident.clock_range": {"tr": "olay saati, olayın başlangıcından en çok on yıl uzakta olabilir",
                                   "en": "the clock must stay within ten years of the incident's start"},
    "error.playbook.unknown": {"tr": "“{id}” adında bir eylem planı yok; olanlar: {known}",
                               "en": "unknown playbook '{id}'; known: {known}"},
    "error.playbook.no_step": {"tr": "“{playbook}” eylem planında “{step}” adımı yok; adımlar: {steps}",
                               "en": "playbook '{playbook}' has no step '{step}'; steps: {steps}"},
    # statements
    "error.statement.not_found": {"tr": "{id} numaralı açıklama yok", "en": "no statement {id}"},
    "error.statement.too_long": {"tr": "bir açıklama en çok {limit} karakter olabilir",
                                 "en": "a statement is at most {limit} characters"},
    "error.statement.template_and_text": {"tr": "taslak ya şablondan ya metinden başlar, ikisinden birden değil",
                                          "en": "draft from a template or from a text, not both"},
    "error.statement.unchanged": {"tr": "{id} numaralı açıklama: metin değişmedi",
                                  "en": "statement {id}: the text is unchanged"},
    "error.statement.not_draft": {
        "tr": "{id} numaralı açıklamanın {version}. sürümü şu anda “{state}”: yalnızca taslak onaya sunulabilir{hint}",
        "en": "statement {id} v{version} is {state}: only a draft can be submitted{hint}"},
    "error.statement.revise_first": {"tr": "; önce yeni bir sürüm yazın", "en": "; revise it first"},
    "error.statement.empty": {"tr": "{id} numaralı açıklama boş", "en": "statement {id} is empty"},
    "error.statement.not_in_review": {
        "tr": "{id} numaralı açıklamanın {version}. sürümü şu anda “{state}”{by}: yalnızca onaydaki bir sürüm "
              "onaylanabilir ya da geri çevrilebilir",
        "en": "statement {id} v{version} is {state}{by}: only a version in review can be approved or rejected"},
    "error.statement.by": {"tr": " (onaylayan: {approver})", "en": " by {approver}"},
    "error.statement.two_person.approve": {
        "tr": "iki kişi kuralı: {id} numaralı açıklamanın {version}. sürümünü {operator} yazdı{also}, kendisi onaylayamaz",
        "en": "two-person rule: {operator} wrote statement {id} v{version}{also} and cannot approve it"},
    "error.statement.two_person.reject": {
        "tr": "iki kişi kuralı: {id} numaralı açıklamanın {version}. sürümünü {operator} yazdı{also}, kendisi geri "
              "çeviremez",
        "en": "two-person rule: {operator} wrote statement {id} v{version}{also} and cannot reject it"},
    "error.statement.same_name": {"tr": " (“{author}” adıyla; okuyan için aynı ad)",
                                  "en": " (as '{author}', the same name to a reader)"},
    "error.statement.lint_errors": {
        "tr": "{id} numaralı açıklamanın {version}. sürümünde {count} denetim hatası var: {listed}",
        "en": {"one": "statement {id} v{version} has {count} lint error: {listed}",
               "other": "statement {id} v{version} has {count} lint errors: {listed}"}},
    "error.statement.lint_warnings": {
        "tr": "{id} numaralı açıklamanın {version}. sürümünde onaydan önce görüldüğü belirtilmesi gereken {count} uyarı "
              "var (--ack-warnings): {listed}",
        "en": {"one": "statement {id} v{version} has {count} warning to acknowledge: {listed}",
               "other": "statement {id} v{version} has {count} warnings to acknowledge: {listed}"}},
    "error.statement.reject_reason": {"tr": "geri çevirmenin bir gerekçesi olmalı", "en": "a rejection needs a reason"},
    "error.statement.url": {"tr": "paylaşım adresi http:// ya da https:// ile başlamalı",
                            "en": "a post URL must start with http:// or https://"},
    "error.statement.exercise_url": {
        "tr": "tatbikat açıklaması canlı bir kanalda yayımlanmış olarak kaydedilemez: tatbikatta adres (URL) verilmez",
        "en": "an exercise statement can never be recorded as posted on a live channel: no URL in a drill"},
    "error.statement.not_approved": {
        "tr": "{id} numaralı açıklamanın {version}. sürümü şu anda “{state}”: yalnızca onaylanmış sürüm yayımlanabilir",
        "en": "statement {id} v{version} is {state}: only an approved version can be published"},
    "error.statement.channel_errors": {
        "tr": "{id} numaralı açıklamanın {version}. sürümü {channel} kanalında yayımlanamaz: {listed}",
        "en": "statement {id} v{version} cannot go out on {channel}: {listed}"},
    # claims
    "error.claim.not_found": {"tr": "{id} numaralı iddia yok", "en": "no claim {id}"},
    "error.claim.no_text": {"tr": "iddianın metni olmalı", "en": "a claim needs its text"},
    "error.claim.no_mentions": {"tr": "bağlamak için en az bir içerik seçin", "en": "choose at least one mention to link"},
    "error.claim.status": {"tr": "iddianın durumu şunlardan biri olmalı: {states}",
                           "en": "claim status must be one of {states}"},
    "error.claim.evidence": {"tr": "durum değişikliği kanıt ister: bir kaynak ve bir not",
                             "en": "a status change needs its evidence: a source and a note"},
    "error.claim.already": {"tr": "{id} numaralı iddia zaten “{status}”", "en": "claim {id} is already {status}"},
    "error.claim.back_to_unverified": {
        "tr": "bir iddia “teyit bekliyor” durumuna geri dönemez; yeniden açmak için “teyit ediliyor” yapın",
        "en": "a claim cannot go back to unverified; set it to verifying to reopen it"},
    "error.claim.not_correctable": {
        "tr": "{id} numaralı iddia “{status}”: yalnızca yanlış ya da yanıltıcı bir iddia için düzeltme yazılır",
        "en": "claim {id} is {status}: only a false or misleading claim gets a correction"},
    "error.claim.has_correction": {"tr": "{id} numaralı iddianın zaten bir düzeltme açıklaması var ({statement})",
                                   "en": "claim {id} already has correction statement {statement}"},
    # posts
    "error.post.not_found": {"tr": "{id} numaralı paylaşım yok", "en": "no post {id}"},
    "error.post.url": {"tr": "paylaşımın adresi http(s) adresi olmalı, “{url}” değil",
                       "en": "a post's URL must be an http(s) address, not '{url}'"},
    "error.post.channel": {"tr": "“{channel}” diye bir kanal yok; kanallar: {channels}",
                           "en": "unknown channel '{channel}'; channels are {channels}"},
    "error.post.no_text": {"tr": "paylaşımın metni olmalı", "en": "a post needs its text"},
    "error.post.too_long": {"tr": "bir paylaşımın metni en çok {limit} karakter olabilir",
                            "en": "a post's text is limited to {limit} characters"},
    "error.post.exercise_url": {
        "tr": "{id} numaralı olay bir tatbikat: paylaşımları benzetimdir, canlı bir adresleri olmaz",
        "en": "incident {id} is an exercise: its posts are simulated and carry no live URL"},
    # checklist
    "error.checklist.note_long": {"tr": "bir not en çok {limit} karakter olabilir",
                                  "en": "a note can be at most {limit} characters"},
    "error.checklist.closed": {"tr": "{id} numaralı olay kapalı: kontrol listesi değiştirilemez",
                               "en": "incident {id} is closed: its checklist cannot change"},
    "error.checklist.state": {"tr": "bir adımın durumu şunlardan biri olabilir: {states} (“{state}” değil)",
                              "en": "a step's state is one of {states}, not '{state}'"},
    "error.checklist.already": {"tr": "“{step}” adımı zaten “{state}”", "en": "step '{step}' is already {state}"},
    "error.checklist.skip_reason": {"tr": "“{step}” adımını atlamak için gerekçe gerekir (--note)",
                                    "en": "skipping step '{step}' needs a reason (--note)"},
    "error.checklist.blocked": {"tr": "“{step}” adımı şunları bekliyor: {steps}; önce onları bitirin ya da atlayın",
                                "en": "step '{step}' waits on {steps}: finish or skip those first"},
    "error.checklist.empty_note": {"tr": "not boş", "en": "the note is empty"},
    # mentions
    "error.mention.not_found": {"tr": "{ids} numaralı içerik yok", "en": "no mention {ids}"},
    "error.mention.state": {"tr": "durum şunlardan biri olmalı: {states}", "en": "state must be one of {states}"},
    "error.mention.other_incident": {"tr": "{id} numaralı içerik {incident} numaralı olaya ait değil",
                                     "en": "mention {id} does not belong to incident {incident}"},
    "error.mention.no_incident": {
        "tr": "bu içerikler açık bir olaya ait değil: --incident ile bir olay belirtin",
        "en": "these mentions belong to no open incident: name one with --incident"},
    "error.mention.several": {
        "tr": "bu içerikler birden çok olaya ait ({listed}): hangisi için işaretlediğinizi --incident ile belirtin",
        "en": "these mentions belong to incidents {listed}: name the one you triage in with --incident"},
    "error.mention.order": {"tr": "sıralama şunlardan biri olmalı: {orders}", "en": "order must be one of {orders}"},
    "error.mention.none_given": {"tr": "içerik belirtilmedi", "en": "no mention given"},
    # consistency
    "error.correction.reason": {"tr": "düzeltmeyi kapatmanın bir gerekçesi olmalı",
                                "en": "dismissing a correction needs a reason"},
    "error.correction.not_open": {"tr": "{incident} numaralı olayda {channel} / {fact} için açık düzeltme yok",
                                  "en": "no open correction for {channel} / {fact} in incident {incident}"},
    "error.correction.state": {"tr": "düzeltmenin durumu şunlardan biri olmalı: {states}",
                               "en": "correction state must be one of {states}"},
    # files written (reports, exports)
    "error.file.not_a_name": {"tr": "dosya adı değil: {name} (rapor seçilen klasöre yazılır)",
                              "en": "not a file name: {name} (a report is written inside the chosen directory)"},
    "error.file.no_directory": {"tr": "böyle bir klasör yok: {path}", "en": "no such directory: {path}"},
    "error.file.not_directory": {"tr": "klasör değil: {path}", "en": "not a directory: {path}"},
    "error.file.cannot_open_directory": {"tr": "{path} klasörü açılamıyor: izin yok",
                                         "en": "cannot open directory {path}: permission denied"},
    "error.file.cannot_write_in": {"tr": "{path} klasörüne yazılamıyor: {reason}", "en": "cannot write in {path}: {reason}"},
    "error.file.permission": {"tr": "izin yok", "en": "permission denied"},
    "error.file.cannot_write": {"tr": "{path} yazılamıyor: {reason}", "en": "cannot write {path}: {reason}"},
    "error.file.symlink": {"tr": "{path} bir sembolik bağlantı; onun üzerinden yazılmaz",
                           "en": "{path} is a symbolic link; refusing to write through it"},
    "error.file.not_regular": {"tr": "{path} var ve sıradan bir dosya değil", "en": "{path} exists and is not a regular file"},
    "error.file.exists": {"tr": "{path} zaten var; üzerine yazmak için --force kullanın",
                          "en": "{path} already exists; use --force to overwrite it"},
    # accounts and the content calendar
    "error.account.owner": {"tr": "bir hesabın en az bir adı belli sorumlusu olmalı (--owner AD)",
                            "en": "an account needs at least one named owner (--owner NAME)"},
    "error.account.not_found": {"tr": "{handle} hesabı kayıtlı değil", "en": "no account {handle}"},
    "error.account.not_found_on": {"tr": "{channel} kanalında {handle} hesabı kayıtlı değil",
                                   "en": "no account {handle} on {channel}"},
    "error.account.several": {"tr": "{handle} birden çok kanalda kayıtlı ({channels}): kanalı belirtin",
                              "en": "{handle} is registered on several channels ({channels}): name the channel"},
    "error.account.fields": {"tr": "bir hesabın kanalı ve boşluksuz bir kullanıcı adı olmalı",
                             "en": "an account needs a channel and a handle, without spaces"},
    "error.account.exists": {"tr": "{channel} kanalındaki {handle} hesabı zaten kayıtlı; `accounts review` kullanın",
                             "en": "{handle} on {channel} is already registered; use `accounts review`"},
    "error.calendar.time": {"tr": "“{text}” bir ISO 8601 zamanı değil; örnek: 2025-06-01T10:00+03:00",
                            "en": "'{text}' is not an ISO 8601 time, e.g. 2025-06-01T10:00+03:00"},
    "error.calendar.not_found": {"tr": "{id} numaralı planlı paylaşım yok", "en": "no planned post {id}"},
    "error.calendar.fields": {"tr": "planlı bir paylaşımın kanalı ve metni olmalı",
                              "en": "a planned post needs a channel and its text"},
    "error.calendar.move": {"tr": "{id} numaralı planlı paylaşım “{status}”; “{target}” olamaz",
                            "en": "planned post {id} is {status}; it cannot become {target}"},
    # feeds
    "error.feed.kind": {"tr": "kaynak türü şunlardan biri olmalı: {kinds}", "en": "kind must be one of {kinds}"},
    "error.feed.no_source": {"tr": "bir akışın adresi (URL) ya da dosya yolu olmalı", "en": "a feed needs a URL or a path"},
    "error.feed.not_a_file": {"tr": "{kind} kaynağı bir web adresidir, dosya değil: {source}",
                              "en": "a {kind} source is a web address, not a file: {source}"},
    "error.feed.no_file": {"tr": "böyle bir dosya ya da klasör yok: {source}", "en": "no such file or folder: {source}"},
    "error.feed.bad_url_chars": {"tr": "geçerli bir adres değil (boşluk ya da denetim karakteri var): {url}",
                                 "en": "not a valid URL (spaces or control characters): {url}"},
    "error.feed.bad_url": {"tr": "geçerli bir adres değil ({reason}): {url}", "en": "not a valid URL ({reason}): {url}"},
    "error.feed.scheme": {"tr": "yalnızca {schemes} adresleri desteklenir, {url} değil",
                          "en": "only {schemes} URLs are supported, not {url}"},
    "error.feed.no_host": {"tr": "geçerli bir adres değil (sunucu adı yok): {url}", "en": "not a valid URL (no host): {url}"},
    "error.feed.not_found": {"tr": "“{name}” adında bir akış yok (bkz. `crisiscomm feeds list`)",
                             "en": "no feed named {name!r} (see `crisiscomm feeds list`)"},
    "error.feed.trust": {"tr": "güven düzeyi şunlardan biri olmalı: {levels}", "en": "trust must be one of {levels}"},
    "error.feed.interval": {"tr": "tarama aralığı en az {seconds} sn olmalı",
                            "en": "the poll interval must be at least {seconds} s"},
    "error.feed.folder": {"tr": "{source} bir klasör: içindeki akış dosyalarını ekleyin",
                          "en": "{source} is a folder: add its feed files (see feed_files)"},
    "error.feed.empty_name": {"tr": "akış adı boş olamaz", "en": "a feed name cannot be empty"},
    "error.feed.registered": {"tr": "zaten “{name}” adıyla kayıtlı: {source}",
                              "en": "already registered as {name!r}: {source}"},
    "error.feed.name_taken": {"tr": "“{name}” adında bir akış zaten var", "en": "a feed named {name!r} exists already"},
})
