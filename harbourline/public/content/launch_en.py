"""The public site's launch content in English, written in plain words. Seeded by a data migration."""

PAGES = {
    "what-is-trafficking": {
        "title": "What is human trafficking?",
        "summary": "Human trafficking is when people are recruited, moved or held by force, threats or lies, "
        "so that others can profit from their work or their body.",
        "body": """Human trafficking is a crime. It happens when someone is recruited, moved, housed or held by force, threats, lies or abuse of power, so that other people can exploit them.

## What exploitation means
- Forced work: made to work through threats, violence, a debt or papers taken away, in a home, on a farm, on a boat, in a hotel or on a building site.
- Sexual exploitation: made to sell sex, or someone else taking the money from it.
- Forced begging or crime: made to beg or to commit crimes for someone else.

## Anyone can be a victim
Women, men and children; people from Saint Lucia and people from other countries; people with papers and without. A person does not have to cross a border to be trafficked. A child cannot agree to be exploited: any child made to sell sex is a victim.

## It is against the law
The Counter-Trafficking Act, 2010 makes trafficking in persons a crime in Saint Lucia. Since the law was changed in 2021, a trafficker can no longer pay a fine instead of going to prison.

## What you can do
- Learn the [signs to look for](/en/signs/).
- If someone is in danger now, call [999](tel:999).
- Call the hotline [847](tel:847) or [report online](/report/). You do not have to give your name.""",
    },
    "signs": {
        "title": "Signs to look for",
        "summary": "No single sign proves that someone is trafficked. Several signs together are a reason to call "
        "the hotline. You do not need to be sure.",
        "body": """## Signs in any kind of work
- Someone else keeps the person's passport or identity card.
- They owe the employer or recruiter a debt that never gets smaller.
- They are not paid, or are paid much less than they were promised.
- They cannot leave, or they are always watched.
- They seem afraid, do not know the address where they live, or let someone else speak for them.

## Domestic work
- A housekeeper or nanny who never has a day off and sleeps in the kitchen or a store room.
- Not allowed to leave the house alone or to use a phone.

## Agriculture and fishing
- Workers who live on the farm or the boat in poor conditions and are taken to and from work by the same person.
- Pay held back "until the end of the season".

## Hotels, restaurants and bars
- Staff who live where they work and are moved from one place to another.
- Young women working in bars who say they owe money for their travel.

## Construction
- Workers from abroad whose papers are kept by the contractor.
- Very long hours, no safety equipment, no pay slips.

## Sex trade
- Anyone under 18 selling sex: this is always exploitation.
- Someone else takes the money, finds the clients or controls where the person lives.

## Begging
- Children or adults who beg and hand the money to someone watching nearby.
- Children begging during school hours.

If you see these signs, call the hotline [847](tel:847) or [report online](/report/). Do not put yourself or the person in danger.""",
    },
    "rights": {
        "title": "Rights of victims",
        "summary": "The Counter-Trafficking Act, 2010 gives victims of trafficking rights. This is a summary in "
        "plain words, not the text of the law.",
        "body": """## Information in your language (section 22)
The government must tell you, in a language you understand:
- your legal rights;
- how the court cases and other proceedings that concern you are going, including the case against the people who exploited you and any proceedings about going back to your country;
- how to ask for legal immigration status.

## Help and services (section 24)
The government, with other ministries and non-governmental organisations, plans services for victims and their children:
- safe housing, with food and a clean place to sleep and wash;
- counselling in a language you understand;
- medical care in a language you understand;
- chances to work, study or train;
- legal help or information in a language you understand.

You may be allowed to work. You and your children may receive social benefits while you stay. Staying in a shelter is your choice. You can talk with, and be visited by, your family, your friends and your lawyer. Victims are not to be kept in a prison or a detention centre, except in exceptional circumstances. Children have special protection.

## Immigration status (section 25)
The Act sets out how a victim can ask for legal immigration status. Ask the hotline or an agency to explain it to you.

## Saint Lucians trafficked abroad (section 29)
If you are from Saint Lucia and were trafficked in another country, and you cannot prove who you are, you can show your links with Saint Lucia: where you were born, your family and friends, places you know, or where you lived. A diplomat at the Saint Lucian mission decides and can give you a certificate of identity so you can come home. You can appeal to the Minister responsible for legal affairs. You do not need to be able to become a citizen to come back.

For help with any of this, see [where to get help](/en/get-help/).""",
    },
    "get-help": {
        "title": "Where to get help",
        "summary": "Help is free. You do not have to speak English and you do not have to go to the police first.",
        "body": """## If someone is in danger now
Call [999](tel:999) or [911](tel:911).

## To talk to someone
Call the trafficking hotline [847](tel:847). The hotline can put you in touch with the agencies below: a safe place to stay, medical care, counselling, legal help, help with papers and with going home.""",
    },
    "how-to-report": {
        "title": "How to report",
        "summary": "If you think someone is being trafficked, tell us. You do not need to be sure and you do not "
        "need to give your name.",
        "body": """## Three ways to report
- Call the trafficking hotline [847](tel:847), free, 24 hours.
- [Fill in the online form](/report/). It works on any phone. You get a receipt code and a passphrase, so you can check your report and add information later.
- If someone is in danger now, call [999](tel:999).

## What to tell us
Whatever you know: what you saw, where and when, who was there. Do not put yourself in danger to find out more.

## What happens next
A trained officer reads every report. They may pass it to the police, the Department of Labour or social services. If you check your report with your receipt code, you may find a question from the officer there.""",
    },
    "materials": {
        "title": "Campaign materials",
        "summary": "Leaflets, posters and radio scripts of the campaign, free to print and share.",
        "body": """Print them, put them up at work, at church, at school or in your shop, and share them with anyone who may need them.

To ask for printed copies, call the hotline [847](tel:847).""",
    },
}
