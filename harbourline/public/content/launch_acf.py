"""Draft Saint Lucian Kwéyòl launch content, written by the team: needs review by a native speaker."""

PAGES = {
    "what-is-trafficking": {
        "title": "Kisa sé trafik moun?",
        "summary": "Trafik moun sé lè yo pwan, mennen osinon kenbé an moun èk fòs, ménas osinon manti, pou "
        "dòt moun pwofité di travay li osinon di kò'y.",
        "body": """Trafik moun sé an krim. I ka wivé lè yo pwan, mennen, lojé osinon kenbé an moun èk fòs, ménas, manti osinon abi pouvwa, pou dòt moun eksplwaté'y.

## Sa eksplwatasyon vlé di
- Travay fòsé: yo fòsé an moun travay èk ménas, vyolans, an dèt osinon yo pwan papyé'y, an an kay, asou an tè, asou an bato, an an lotèl osinon asou an chantyé.
- Eksplwatasyon sèksyèl: yo fòsé an moun vann sèks, osinon dòt moun ka pwan lajan-an.
- Mandé lacharité osinon fè krim pa fòs: yo fòsé an moun mandé lajan osinon fè krim pou yon lòt.

## Tout moun sa viktim
Fanm, nonm èk timoun; moun Sent Lisi èk moun dòt péyi; moun ki ni papyé èk moun ki pa ni. An moun pa bizwen janbé an lizyè pou yo trafiké'y. An timoun pa sa dakò pou yo eksplwaté'y: tout timoun yo fòsé vann sèks sé an viktim.

## Lalwa ka défann sa
Lwa Kont Trafik Moun 2010 (Counter-Trafficking Act) ka fè trafik moun an krim an Sent Lisi. Dépi 2021, an trafikan pa sa péyé an lanmann pito i alé an prizon.

## Sa ou sa fè
- Apwann [siy pou gadé](/acf/signs/).
- Si an moun an danjé kounyé-a, kwiyé [999](tel:999).
- Kwiyé liy-la [847](tel:847) osinon [fè an wapò asou entènèt](/report/). Ou pa bizwen bay non'w.""",
    },
    "signs": {
        "title": "Siy pou gadé",
        "summary": "Pa ni an sèl siy ki ka pwouvé an moun sé viktim trafik. Pliziè siy ansanm sé an rézon pou "
        "kwiyé liy-la. Ou pa bizwen sèten.",
        "body": """## Siy an tout kalité travay
- Sé an lòt moun ki ka kenbé paspò'y osinon kat idantité'y.
- I dwé patwon-an osinon moun ki anbochéy-la an dèt ki pa janmen ka diminyé.
- Yo pa ka péyé'y, osinon yo ka péyé'y pli mwen pasé sa yo té pwomèt.
- I pa sa pati, osinon yo toujou ka véyé'y.
- I sanblé pè, i pa konnèt adwès koté i ka wété, osinon i ka kité an lòt moun palé pou'y.

## Travay an kay
- An fanm kay osinon an nennenn ki pa janmen ni an jou lib èk ki ka dòmi an kwizin-an osinon an an chanm maganzen.
- Yo pa ka kité'y sòti kay-la pou kò'y osinon sèvi èk an téléfòn.

## Lagwikilti èk lapèch
- Travayè ki ka wété asou tè-a osinon asou bato-a an move kondisyon, èk sé menm moun-lan ki toujou ka mennen yo èk wamennen yo.
- Yo ka kenbé péman-an "jis a lafen sézon-an".

## Lotèl, wèstowan èk ba
- Moun ki ka wété koté yo ka travay èk yo ka chanjé yo koté.
- Jenn fanm ki ka travay an ba èk ki ka di yo dwé lajan pou vwayaj yo.

## Konstwiksyon
- Travayè ki sòti an dòt péyi èk sé kontwaktè-a ki ka kenbé papyé yo.
- Lè travay twò long, pa ni ékipman sékiwité, pa ni fich péman.

## Kòmès sèks
- Tout moun ki pa ni 18 lanné ki ka vann sèks: sé toujou eksplwatasyon.
- Sé an lòt moun ki ka pwan lajan-an, ki ka chèché kliyan-yo osinon ki ka kontwolé koté moun-lan ka wété.

## Mandé lacharité
- Timoun osinon gwan moun ki ka mandé lajan èk ki ka bay lajan-an an moun ki ka véyé toupwé.
- Timoun ki ka mandé lajan lè lékòl.

Si ou wè siy sa-yo, kwiyé liy-la [847](tel:847) osinon [fè an wapò asou entènèt](/report/). Pa mété kò'w osinon moun-lan an danjé.""",
    },
    "rights": {
        "title": "Dwa sé viktim-lan",
        "summary": "Lwa Kont Trafik Moun 2010 ka bay viktim trafik dwa. Sa sé an wézimé an pawòl senp, sé pa "
        "tèks lalwa-a.",
        "body": """## Enfòmasyon an lang ou (sèksyon 22)
Gouvèdman-an dwèt di'w, an an lang ou konpwann:
- dwa ou;
- kouman sé ka-a an tribinal èk lòt pwosédi ki ka touché'w ka avansé, sa ki kont moun ki té eksplwaté'w èk sa pou ou wètounen an péyi'w;
- kouman pou mandé an estati imigwasyon légal.

## Èd èk sèvis (sèksyon 24)
Gouvèdman-an, èk lòt ministè èk òwganizasyon ki pa gouvèdman, ka planifyé sèvis pou viktim èk timoun yo:
- an koté sékiwité pou wété, èk manjé èk an koté pwòp pou dòmi èk lavé kò;
- konsèy an an lang ou konpwann;
- swen médikal an an lang ou konpwann;
- chans pou travay, étidyé osinon aprann an métyé;
- èd osinon enfòmasyon légal an an lang ou konpwann.

Yo sa kité'w travay. Ou èk timoun ou sa wisivwè benéfis sosyal pannan ou la. Wété an an ablis sé chwa'w. Ou sa palé èk fanmi'w, zanmi'w èk avoka'w, èk yo sa vizité'w. Yo pa dwèt mété viktim an prizon osinon an sant détansyon, sòf an sitiyasyon ègzèpsyonèl. Timoun ni an pwotèksyon èspésyal.

## Estati imigwasyon (sèksyon 25)
Lalwa-a ka di kouman an viktim sa mandé an estati imigwasyon légal. Mandé liy-la osinon an ajans èspliké'w sa.

## Moun Sent Lisi yo trafiké an dòt péyi (sèksyon 29)
Si ou sé moun Sent Lisi, yo té trafiké'w an dòt péyi, èk ou pa sa pwouvé ki moun ou yé, ou sa montwé lyannaj ou èk Sent Lisi: koté ou fèt, fanmi'w èk zanmi'w, koté ou konnèt, osinon koté ou té ka wété. An diplomat an misyon Sent Lisi ka désidé èk i sa ba'w an sètifika idantité pou ou wantwé lakay. Ou sa fè apèl ba Minis ki wèsponsab zafè légal. Ou pa bizwen sa vini sitwayen pou ou wantwé.

Pou jwenn èd, gadé [koté pou jwenn èd](/acf/get-help/).""",
    },
    "get-help": {
        "title": "Koté pou jwenn èd",
        "summary": "Èd-la sé gratis. Ou pa bizwen palé Anglé èk ou pa bizwen alé lapolis avan.",
        "body": """## Si an moun an danjé kounyé-a
Kwiyé [999](tel:999) osinon [911](tel:911).

## Pou palé èk an moun
Kwiyé liy kont trafik moun-lan [847](tel:847). Liy-la sa mété'w an kontak èk sé ajans-lan anba-a: an koté sékiwité pou wété, swen médikal, konsèy, èd légal, èd èk papyé èk pou wantwé lakay.""",
    },
    "how-to-report": {
        "title": "Kouman pou fè an wapò",
        "summary": "Si ou kwè yo ka trafiké an moun, di nou sa. Ou pa bizwen sèten èk ou pa bizwen bay non'w.",
        "body": """## Twa fason pou fè an wapò
- Kwiyé liy kont trafik moun-lan [847](tel:847), gratis, 24 è di tan.
- [Ranpli fòm-lan asou entènèt](/report/). I ka maché asou tout téléfòn. Ou ké wisivwè an kòd wésé èk an mo sékwé, pou ou sa gadé wapò'w èk ajouté enfòmasyon apwé.
- Si an moun an danjé kounyé-a, kwiyé [999](tel:999).

## Sa pou di nou
Sa ou konnèt: sa ou wè, koté èk kilè, ki moun ki té la. Pa mété kò'w an danjé pou chèché konnèt plis.

## Sa ki ka pasé apwé
An ofisyé ki fòmé ka li chak wapò. I sa voyé'y ba lapolis, Dépatman Travay osinon sèvis sosyal. Si ou gadé wapò'w èk kòd wésé'w, ou sa jwenn an kèsyon ofisyé-a la.""",
    },
    "materials": {
        "title": "Matéryèl kanpay-la",
        "summary": "Fèy, pòstè èk tèks pou radyo kanpay-la, gratis pou enprimé èk pataj.",
        "body": """Enprimé yo, mété yo koté ou ka travay, an légliz, an lékòl osinon an boutik ou, èk pataj yo èk tout moun ki sa bizwen yo.

Pou mandé kopi enprimé, kwiyé liy-la [847](tel:847).""",
    },
}
