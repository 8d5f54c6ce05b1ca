"""The command line's help texts and metavars in Turkish (the English ones are the commands' own).

A command's help is `help.<command path>`, an option's `help.<command path>.<parameter>`; the
English text is the docstring or `help=` the command was built with, registered beside the
Turkish one the first time `apply` sees it. A metavar is `cli.metavar.<its English>`.
"""

from __future__ import annotations

import re

import click

from crisiscomm import i18n

TR: dict[str, str] = {
    "main": "crisiscomm: kriz iletişimi odası tek bir terminal ekranında.",
    "main.db_path": "SQLite veritabanı (varsayılan: kullanıcının veri klasörü).",
    "main.operator": "İşlemi yapan görevli (varsayılan: işletim sistemindeki kullanıcı).",
    "main.lang": "Arayüz dili (varsayılan: sistemin dil ayarı).",
    "main.version": "Sürümü gösterir ve çıkar.",
    "backup": "Veritabanının tutarlı bir kopyası (başkaları yazmayı sürdürebilir); yalnızca sahibinin okuyabileceği "
              "izinlerle (0600) oluşturulur ve denetlenir.",
    "backup.force": "YOL'da var olan dosyanın yerine yazar.",
    "restore": "Bir yedeği denetler, sonra veritabanına geri yükler (var olan bir veritabanının üzerine yalnızca "
               "--force ile).",
    "restore.target": "Geri yüklenecek veritabanı (varsayılan: genel --db).",
    "restore.force": "Var olan veritabanının yerine yazar.",
    "claim": "İddia listesi: söylentiler, kanıtları, düzeltmeleri.",
    "claim.add": "Bir iddiayı kaydeder ve numarasını yazdırır.",
    "claim.add.mention_id": "İddianın ilk görüldüğü içerik.",
    "claim.set": "Bir iddianın durumunu değiştirir; kanıt (--source ve --note) zorunludur.",
    "claim.set.source": "Kanıtın kaynağı (ör. resmî bir akış).",
    "claim.set.note": "Kaynağın söyledikleri.",
    "claim.list": "Bir olayın iddialarını listeler.",
    "claim.list.by_spread": "En hızlı yayılan önce.",
    "claim.show": "Tek bir iddia: kanıtı, bağlı içerikler, zamanlar.",
    "claim.link": "İçerikleri bir iddiaya bağlar (iddianın yayılımı).",
    "claim.suggest": "İddiaya bağlanmamış, iddiayla hemen hemen aynı şeyi söyleyen içerikler.",
    "claim.correct": "Yanlış ya da yanıltıcı bir iddianın düzeltme açıklamasını taslak olarak yazar.",
    "claim.sources": "Kanıt olarak gösterilebilecek resmî akışlar ve son kayıtları (--source).",
    "accounts": "Hesap listesi: sorumlular, iki faktörlü kimlik doğrulama ve güvenlik gözden geçirmeleri.",
    "accounts.add": "Bir kurumsal hesabı kaydeder (bugün gözden geçirilmiş sayılır).",
    "accounts.add.owners": "Adı belirtilen bir sorumlu (birden çok kez verilebilir).",
    "accounts.add.twofa": "İki faktörlü kimlik doğrulama açık.",
    "accounts.review": "Bugün yapılan bir güvenlik gözden geçirmesini kaydeder.",
    "accounts.review.channel": "Hesap adı birden çok kanalda kayıtlıysa kanal.",
    "accounts.review.twofa": "Gözden geçirmenin bulgusu.",
    "accounts.review.owners": "Şimdiki sorumlular (listenin yerine geçer).",
    "accounts.list": "Hesapları, hazırlık uyarılarıyla birlikte listeler.",
    "calendar": "Yayın takvimi: planlı paylaşımlar; bir olay açılınca bekletilir.",
    "calendar.add": "Bir paylaşımı planlar (ZAMAN: ISO 8601; saat farkı verilmezse yerel saat).",
    "calendar.list": "Planlı paylaşımları listeler.",
    "calendar.hold": "Planlı bir paylaşımı gözden geçirmek üzere bekletir.",
    "calendar.release": "Bekletilen bir paylaşımı plana geri alır.",
    "calendar.cancel": "Planlı ya da bekletilen bir paylaşımı iptal eder.",
    "post": "Kanal paylaşımları: neyin, nerede, kim tarafından paylaşıldığı.",
    "post.add": "Bir kanalda paylaşılan metni kaydeder.",
    "post.add.text": "Paylaşılan metin.",
    "post.add.text_file": "Paylaşılan metni bir dosyadan okur (standart girdi için -).",
    "post.add.url": "Paylaşımın görülebileceği adres (http ya da https).",
    "post.list": "Bir olayın paylaşımlarını, en eskisi önce olmak üzere listeler.",
    "consistency": "Kanal × bilgi tablosu (bir paylaşım bilgi föyüyle, eski değerleri de dahil, çelişirse çıkış "
                   "kodu 1).",
    "consistency.show": "Bir olayın tutarlılık tablosunu gösterir.",
    "consistency.dismiss": "Açık bir düzeltmeyi yeni bir paylaşım yapmadan kapatır.",
    "consistency.dismiss.reason": "Düzeltme paylaşılmamasının gerekçesi.",
    "consistency.draft": "KANAL'ın gerektirdiği düzeltmeyi açıklama taslağı olarak yazar (yanıtladığı açık "
                         "düzeltmelere bağlanır).",
    "incident": "Olay açar, listeler ve kapatır.",
    "incident.open": "Bir olay açar ve numarasını yazdırır.",
    "incident.open.playbook": "Eylem planının kodu, ör. general, natural-disaster.",
    "incident.open.exercise": "Tatbikat: kalıcı olarak TATBİKAT / EXERCISE diye işaretlenir.",
    "incident.open.keywords": "İzleme kelimesi (birden çok kez verilebilir).",
    "incident.list": "Olayları listeler.",
    "incident.close": "Bir olayı kapatır.",
    "incident.status": "Bir olayın durumunu aktif, izleniyor ya da kapalı yapar.",
    "incident.keywords": "Olayın izleme kelimelerini belirler.",
    "fact": "Bilgi föyü: tek doğru bilgi kaynağı.",
    "fact.set": "Bir bilgiyi (ya da yeni bir sürümünü) kaydeder.",
    "fact.set.unconfirmed": "Henüz teyit edilmedi: kesin bilgi gibi verilmemeli.",
    "fact.set.source": "Bilginin kaynağı.",
    "fact.list": "Güncel bilgi föyünü gösterir.",
    "verify": "Kaydın tamamını denetler: özet zinciri, her durum satırının kayıtlarla uyumu, maskelemeler, imzalar.",
    "verify.head_hash": "Daha önce yayımlanmış bir zincir başı: ona kadar hiçbir kaydın silinmediğini kanıtlar.",
    "feeds": "Akışları kaydeder ve sağlık durumlarını gösterir.",
    "feeds.add": "Bir akış adresini, akış dosyasını, bir klasördeki tüm akış dosyalarını ya da bir sosyal medya "
                 "kaynağını kaydeder.",
    "feeds.add.kind": "Adresin türü (varsayılan: adresten anlaşılır; anlaşılmazsa RSS/Atom).",
    "feeds.add.google_news": "Akış olarak bir Google News araması (Türkçe, son gün).",
    "feeds.add.youtube": "Bir YouTube kanalının video akışı (kanal kodu UC…).",
    "feeds.add.name": "Kısa ad (varsayılan: adresten ya da dosya adından).",
    "feeds.add.trust": "Kaynağa ne kadar güvenildiği (varsayılan: Google News ve YouTube için medya, diğerleri için "
                       "sosyal).",
    "feeds.add.interval_s": "Arka planda iki okuma arasındaki saniye.",
    "feeds.add.keywords": "Bluesky: bu kelimeyi içeren paylaşımları da alır (açık olayların izleme kelimelerine "
                          "ek olarak).",
    "feeds.add.post_langs": "Bluesky: yalnızca bu dildeki paylaşımları alır (tr, en, …; birden çok kez verilebilir).",
    "feeds.list": "Akışları sağlık durumlarıyla listeler.",
    "ingest": "Akışları bir kez okur (ve canlı kaynakları --stream saniye boyunca dinler); her akış için bir özet "
              "(biri başarısız olursa çıkış kodu 1).",
    "ingest.names": "Yalnızca bu kayıtlı akışı okur (birden çok kez verilebilir).",
    "ingest.incident_id": "İçerikler yalnızca bu olaya aittir (tatbikat senaryo girdileri).",
    "ingest.stream_s": "Canlı kaynakları da (Bluesky Jetstream) bu süre boyunca dinler.",
    "search": "Tüm içeriklerde arar (Türkçeye duyarlı, kelime başları); en yenisi önce.",
    "mentions": "Bir olayın içerikleri, en yenisi önce, eşleştikleri izleme kelimeleriyle.",
    "mentions.query": "Yalnızca bu kelimelerle eşleşen içerikler.",
    "mentions.include_earlier": "Olay açılmadan önce alınan içerikleri de gösterir.",
    "mentions.limit": "En çok bu kadar (en yenisi önce).",
    "mention": "İçerikleri ön değerlendirmeden geçirir.",
    "mention.set": "İçeriklerin durumunu belirler (yeni, görüldü, işaretlendi, yetkiliye iletildi, yanıtlandı, "
                   "yok sayıldı).",
    "mention.set.incident_id": "Değerlendirmenin ait olduğu olay (içerik birden çok olayda sayılıyorsa gerekli).",
    "mention.erase": "Bir içeriği ve metninin tüm kopyalarını veritabanı dosyalarından siler.",
    "mention.erase.reason": "Gerekçe (ör. KVKK kapsamında bir silme talebi); gerekçe kaydedilir, metin kaydedilmez.",
    "mention.add": "Telefonla, yazılı olarak ya da sahadan bildirileni OLAY'ın bir içeriği olarak kaydeder.",
    "mention.add.source": "Bildirimin geldiği yer.",
    "mention.add.author": "Bildiren (bir ad, bir numara, bir ekip).",
    "mention.add.link": "Bildirimin gösterdiği web adresi.",
    "key": "İmza anahtarları: onay yetkilisinin onayları kendi Ed25519 anahtarıyla imzalanır (açık yarısı "
           "team.toml dosyasında).",
    "key.new": "Özel anahtarınızı oluşturur (CRISISCOMM_KEY, yoksa yapılandırma klasörünüzdeki signing.key; yalnızca "
               "siz okuyabilirsiniz) ve team.toml dosyasındaki kaydınıza eklenecek satırı yazdırır.",
    "key.new.force": "Var olan anahtarın yerine yenisini yazar (eski anahtarın imzaları, team.toml açık yarısını "
                     "listelediği sürece doğrulanır).",
    "key.show": "Anahtarınızın açık yarısını (team.toml satırı) ve parmak izini yazdırır.",
    "drill": "Masa başı tatbikatlar: senaryolar, zamanlı senaryo girdileri, hızlandırılmış olay saati, puan.",
    "drill.check": "Senaryo dosyalarını (ya da bir klasördeki tüm *.toml dosyalarını) denetler; hata varsa çıkış "
                   "kodu 1.",
    "drill.scenarios": "Ürünle gelen senaryoları listeler.",
    "drill.run": "SENARYO'dan (bir dosya ya da ürünle gelen bir senaryonun adı) bir tatbikat olayı açar ve oynatır.",
    "drill.run.speed": "Olay saatinin hızı: 10, on kat hızlı oynatır.",
    "drill.run.headless": "Tatbikatın tamamını gösterge paneli olmadan burada oynatır, sonra puanı yazdırır.",
    "drill.run.as_json": "--headless ile: puanı JSON olarak yazdırır.",
    "drill.list": "Bu veritabanında yapılan tatbikatları listeler.",
    "drill.status": "Tatbikatın durumu: olay saati, hız, oynatılan senaryo girdileri, sıradaki girdi, şimdiye "
                    "kadarki puan.",
    "drill.pause": "Tatbikatın olay saatini durdurur (senaryo girdileri bekler).",
    "drill.resume": "Tatbikatın olay saatini yeniden başlatır.",
    "drill.speed": "Tatbikatın olay saatini gerçek zamandan HIZ kat hızlı işletir.",
    "drill.skip": "Olay saatini sıradaki senaryo girdisine atlatır ve girdiyi oynatır.",
    "drill.score": "Tatbikat puanı: tatbikat bittiyse kesin, bitmediyse geçici.",
    "drill.score.finish": "Tatbikatı şimdi bitirir: yanıtlanmamış olanlar kaçırılmış sayılır.",
    "demo": "Deprem tatbikatını yüksek hızda oynatan yeni bir tanıtım veritabanıyla gösterge paneli.",
    "demo.speed": "Tatbikat saatinin hızı (terminalde sorulur; aksi hâlde ×5: yeni başlayan biri izleyebilir).",
    "demo.demo_db": "Geçici bir klasördeki yeni veritabanı yerine bu veritabanını kullanır.",
    "export": "Paydaşlar için standart biçimler: CAP 1.2 uyarıları, ClaimReview JSON-LD.",
    "export.cap": "Onaylanmış ya da yayımlanmış bir açıklamayı CAP 1.2 uyarısı olarak verir (tatbikatta Exercise).",
    "export.cap.output": "Yazılacak dosya (ya da bir klasör: ad otomatik seçilir). Varsayılan: standart çıktı.",
    "export.cap.force": "Var olan dosyanın üzerine yazar.",
    "export.cap.sender": "CAP göndereni (kurumun adresi, ör. basin@kurum.gov.tr; CRISISCOMM_CAP_SENDER ile de "
                         "verilebilir).",
    "export.cap.paired": "Aynı olayın öteki dildeki onaylanmış açıklaması.",
    "export.cap.cancel": "Açıklamanın önceki uyarılarını geri çeken bir iptal (Cancel) mesajı.",
    "export.claimreview": "Hükme bağlanmış bir iddiayı schema.org ClaimReview JSON-LD olarak verir.",
    "export.claimreview.output": "Yazılacak dosya (ya da bir klasör: ad otomatik seçilir). Varsayılan: standart "
                                 "çıktı.",
    "export.claimreview.force": "Var olan dosyanın üzerine yazar.",
    "export.claimreview.org": "Değerlendirmeyi yayımlayan kurum (CRISISCOMM_ORG ile de verilebilir).",
    "export.claimreview.no_redact": "Kişisel verileri maskelemez ve kişisel hesap sahiplerinin adını verir.",
    "import": "CSV, XLSX ya da JSON biçiminde dışa aktarılmış bir dosyayı içerik olarak içe aktarır (alınmayan "
              "satır varsa çıkış kodu 1).",
    "import.profile": "Dosyanın hangi hizmetten alındığı (varsayılan: en uygun eşleşme).",
    "import.pairs": "SÜTUN'u ALAN olarak okur (title, text, link, author, outlet, handle, published_at, reach, "
                    "shares, lang, guid); birden çok kez verilebilir.",
    "import.incident_id": "Satırlar yalnızca bu olaya aittir (tatbikat).",
    "playbooks": "Eylem planları: listeler, birini gösterir, dosyaları denetler.",
    "playbooks.list": "Olayların kullanabileceği eylem planlarını listeler (önce kuruma özel klasörler, sonra ürünle "
                      "gelenler).",
    "playbooks.list.as_json": "Makinelerin okuyacağı çıktı.",
    "playbooks.show": "Bir eylem planının adımlarını ve şablonlarını gösterir.",
    "playbooks.show.as_json": "Makinelerin okuyacağı çıktı.",
    "playbooks.check": "Bir eylem planı dosyasını ya da bir klasördeki tüm *.toml dosyalarını denetler (hata varsa "
                       "çıkış kodu 1).",
    "checklist": "Olayın kontrol listesi: `checklist OLAY [--json]` ya da start|done|skip|reopen|note.",
    "checklist.show": "Bir olayın kontrol listesini gösterir.",
    "checklist.show.as_json": "Makinelerin okuyacağı çıktı.",
    "checklist.start": "Bir adımı üzerinde çalışılıyor olarak işaretler.",
    "checklist.start.note": "Bir not (atlamada gerekçe; zorunlu).",
    "checklist.done": "Bir adımı tamamlandı olarak işaretler.",
    "checklist.done.note": "Bir not (atlamada gerekçe; zorunlu).",
    "checklist.skip": "Bir adımı atlar; gerekçe --note ile verilir (zorunlu).",
    "checklist.skip.note": "Bir not (atlamada gerekçe; zorunlu).",
    "checklist.reopen": "Tamamlanmış ya da atlanmış bir adımı yapılacaklara geri alır.",
    "checklist.reopen.note": "Bir not (atlamada gerekçe; zorunlu).",
    "checklist.note": "Bir adıma not ekler.",
    "report": "Olay sonrası değerlendirme raporu: ölçümler, zaman çizelgesi, kanal kanal açıklamalar, işaretlenen "
              "içerikler, zincir başı.",
    "report.output": "Yazılacak dosya (ya da bir klasör: dosyaya olayın adı verilir). Varsayılan: standart çıktı.",
    "report.no_redact": "Kişisel verileri (T.C. kimlik numarası, telefon numarası, e-posta, IBAN) maskelemez.",
    "report.force": "Var olan rapor dosyasının üzerine yazar.",
    "timeline": "Bir olayın tüm kayıtları; türe, görevliye ve metne göre filtrelenebilir.",
    "timeline.kind": "Yalnızca bu türdeki kayıtlar (`statement`: açıklamalarla ilgili tüm kayıtlar).",
    "timeline.operator_name": "Yalnızca bu görevlinin kayıtları.",
    "timeline.search": "Kayıtlarda aranacak metin (Türkçe harf farklarına duyarsız).",
    "timeline.oldest_first": "En eskisi önce (varsayılan: en yenisi önce).",
    "timeline.limit": "En çok bu kadar kayıt.",
    "timeline.as_csv": "CSV (formül gibi görünen hücreler etkisiz hâle getirilir).",
    "timeline.output": "Standart çıktı yerine bu dosyaya yazar.",
    "timeline.force": "Var olan dosyanın üzerine yazar.",
    "metrics": "Bir olayın ölçümleri ya da (OLAY verilmezse) gerçek olaylardaki ortanca değerler (tatbikatlar "
               "hariç).",
    "serve": "Gösterge panelini (ya da duvar ekranını) tarayıcılara sunar: her sekme bu veritabanında kendi "
             "crisiscomm sürecini çalıştırır.",
    "serve.host": "Dinlenecek adres (--allow-remote verilmezse yalnızca bu bilgisayar).",
    "serve.allow_remote": "Bu bilgisayar dışındaki bir adrese izin verir. Oturum açma yoktur: önüne kimlik "
                          "doğrulaması yapan bir ters vekil sunucu koyun.",
    "serve.public_url": "Tarayıcıların kullandığı adres (ör. ters vekil sunucu arkasında: https://oda.kurum.gov.tr).",
    "serve.wall": "Gösterge paneli yerine salt okunur duvar ekranını sunar.",
    "serve.incident_id": "Duvar ekranındaki olay (varsayılan: açık olayların en yenisi).",
    "serve.font_size": "Tarayıcıdaki yazı boyutu, piksel (varsayılan 16, duvar ekranında 24).",
    "wall": "Salt okunur duvar ekranı: tatbikat bandı, olay saati, bir sonraki bilgilendirme, hedef süreler, içerik "
            "hızı, çelişkiler, iddialar.",
    "wall.incident_id": "Gösterilecek olay (varsayılan: açık olayların en yenisi).",
    "cadence": "Söz verilen bir sonraki bilgilendirme ve bugüne kadarki tüm sözler; geciken ve tutulan sözleri "
               "kaydeder.",
    "alerts": "Görevlinin aldığı uyarı türleri (zil sesi, masaüstü bildirimi, duvar ekranındaki yanıp sönme); "
              "açıp kapatır.",
    "alerts.on": "Bu türü açar (birden çok kez verilebilir).",
    "alerts.off": "Bu türü kapatır (birden çok kez verilebilir).",
    "statement": "Açıklamalar: denetim, taslak, onaya sunma, onay, yayımlama.",
    "statement.lint": "Bir metni rehbere göre denetler; hata varsa çıkış kodu 1.",
    "statement.lint.channel": "Bu kanalın metnini denetler (ya da gösterir).",
    "statement.lint.incident_id": "Bu olayın bilgi föyüne (ve türüne) göre denetler.",
    "statement.draft": "Bir şablondan, bir dosyadan ya da boş bir açıklama taslağı başlatır; numarasını yazdırır.",
    "statement.draft.template_id": "Olayın eylem planındaki bir şablon.",
    "statement.draft.path": "Metin (standart girdi için -).",
    "statement.draft.title": "Listede görünecek kısa bir başlık.",
    "statement.draft.language": "Açıklamanın dili (verilmezse tahmin edilir).",
    "statement.draft.short_path": "X, Bluesky ve SMS için kısa metin (varsayılan: şablonunki).",
    "statement.revise": "Bir açıklamanın yeni sürümünü kaydeder (--channel ile yalnızca o kanalın metnini).",
    "statement.revise.channel": "Bu kanalın metnini denetler (ya da gösterir).",
    "statement.list": "Olayın açıklamaları ve en yeni sürümlerinin durumu.",
    "statement.show": "En yeni sürüm, denetim bulguları ve kanal kanal uzunluğu (ya da tek bir kanalın metni).",
    "statement.show.channel": "Bu kanalın metnini denetler (ya da gösterir).",
    "statement.submit": "En yeni sürümü onaya sunar.",
    "statement.approve": "Onaydaki sürümü onaylar (kendi yazdığınızı değil).",
    "statement.approve.ack_warnings": "Denetim uyarılarının görüldüğünü belirtir.",
    "statement.reject": "Onaydaki sürümü gerekçesiyle geri çevirir.",
    "statement.reject.reason": "Neyin değişmesi gerektiği.",
    "statement.publish": "Onaylanan sürümün bir kanalda paylaşıldığını kaydeder.",
    "statement.publish.url": "Paylaşıldığı adres (tatbikatta verilmez).",
    "statement.templates": "Bir taslağın başlayabileceği açıklama şablonları.",
    "statement.templates.playbook": "Bir eylem planı kodu (varsayılan: olayın eylem planı).",
}

# Argument names and explicit metavars (click's English: the name upper-cased) → Turkish.
METAVARS: dict[str, str] = {
    "INCIDENT_ID": "OLAY_NO", "STATEMENT_ID": "AÇIKLAMA_NO", "CLAIM_ID": "İDDİA_NO", "STEP_ID": "ADIM",
    "TEXT": "METİN", "CHANNEL": "KANAL", "PATH": "YOL", "POST_ID": "PAYLAŞIM_NO", "STATUS": "DURUM",
    "HANDLE": "HESAP", "MENTION_IDS": "İÇERİK_NO", "WHEN": "ZAMAN", "FACT": "BİLGİ", "TITLE": "BAŞLIK",
    "KEYWORDS": "KELİME", "KEY": "BİLGİ", "VALUE": "DEĞER", "QUERY": "ARAMA", "MENTION_ID": "İÇERİK_NO",
    "PATHS": "YOL", "SCENARIO": "SENARYO", "SPEED": "HIZ", "PLAYBOOK_ID": "EYLEM_PLANI", "SOURCE": "KAYNAK",
    "URL_OR_PATH": "ADRES_YA_DA_YOL", "[PATH_OR_URL]...": "[YOL_YA_DA_ADRES]...", "ID [ID...] STATE":
    "NO [NO...] DURUM", "INCIDENT": "OLAY", "FILE": "DOSYA", "FILE|-": "DOSYA|-", "CHANNEL_ID": "KANAL",
    "LANG": "DİL", "SECONDS": "SANİYE", "COLUMN=FIELD": "SÜTUN=ALAN",
}
i18n.register({f"cli.metavar.{_slug}": {"tr": _tr, "en": _en} for _en, _tr in METAVARS.items()
               if (_slug := re.sub(r"[^a-z0-9]+", "_", _en.lower()).strip("_"))})

_english: dict[str, str] = {}
_explicit: dict[int, str | None] = {}


def help_key(path: tuple[str, ...], param: str | None = None) -> str:
    parts = [p.replace("-", "_") for p in path] or ["main"]
    return ".".join(["help", *parts, *([param] if param else [])])


def _worded(key: str, english: str | None) -> str | None:
    """The help text in the current language, its English registered beside the Turkish."""
    if not english:
        return english
    english = _english.setdefault(key, english)
    turkish = TR.get(key.removeprefix("help."))
    if turkish is None:
        return english
    i18n.register({key: {"tr": turkish, "en": english}})
    return i18n.t(key)


def apply(command: click.Command, path: tuple[str, ...]) -> None:
    command.help = _worded(help_key(path), command.help)
    for param in command.params:
        if isinstance(param, click.Option):
            param.help = _worded(help_key(path, param.name), param.help)


def _metavar(english: str) -> str:
    key = "cli.metavar." + re.sub(r"[^a-z0-9]+", "_", english.lower()).strip("_")
    return i18n.t(key) if i18n.entry(key) else english


def argument_metavar(param: click.Argument) -> str:
    """An argument's metavar as click writes it (brackets when optional, dots when repeated)."""
    explicit = _explicit.setdefault(id(param), param.metavar)
    if explicit is not None:
        return _metavar(explicit)
    word = _metavar((param.name or "").upper())
    word = word if param.required else f"[{word}]"
    return word if param.nargs == 1 else f"{word}..."


def option_metavar(param: click.Option) -> str | None:
    explicit = _explicit.setdefault(id(param), param.metavar)
    return _metavar(explicit) if explicit is not None else None
