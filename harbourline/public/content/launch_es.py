"""Draft Spanish launch content, written by the team: needs review by a native speaker."""

PAGES = {
    "what-is-trafficking": {
        "title": "¿Qué es la trata de personas?",
        "summary": "La trata de personas ocurre cuando alguien es captado, trasladado o retenido con fuerza, "
        "amenazas o engaños, para que otros se beneficien de su trabajo o de su cuerpo.",
        "body": """La trata de personas es un delito. Ocurre cuando alguien es captado, trasladado, alojado o retenido con fuerza, amenazas, engaños o abuso de poder, para que otras personas lo exploten.

## Qué significa explotación
- Trabajo forzoso: obligar a trabajar con amenazas, violencia, una deuda o quitando los documentos, en una casa, una finca, un barco, un hotel o una obra.
- Explotación sexual: obligar a vender sexo, o quedarse con el dinero que se gana así.
- Mendicidad o delitos forzados: obligar a pedir dinero en la calle o a cometer delitos para otra persona.

## Cualquiera puede ser víctima
Mujeres, hombres, niñas y niños; personas de Santa Lucía y de otros países; personas con documentos y sin ellos. No hace falta cruzar una frontera para ser víctima de trata. Un niño no puede aceptar ser explotado: todo menor obligado a vender sexo es una víctima.

## Está prohibido por la ley
La Ley contra la Trata de Personas de 2010 (Counter-Trafficking Act) castiga la trata de personas en Santa Lucía. Desde la reforma de 2021, el tratante ya no puede pagar una multa en lugar de ir a prisión.

## Qué puede hacer usted
- Conozca las [señales de alerta](/es/signs/).
- Si alguien está en peligro ahora, llame al [999](tel:999).
- Llame a la línea [847](tel:847) o [informe en línea](/report/). No tiene que dar su nombre.""",
    },
    "signs": {
        "title": "Señales de alerta",
        "summary": "Ninguna señal sola prueba que alguien sea víctima de trata. Varias señales juntas son un motivo "
        "para llamar a la línea. No necesita estar seguro.",
        "body": """## Señales en cualquier trabajo
- Otra persona guarda el pasaporte o el documento de identidad de la persona.
- Debe al empleador o al reclutador una deuda que nunca baja.
- No recibe pago, o recibe mucho menos de lo prometido.
- No puede irse, o siempre la vigilan.
- Parece tener miedo, no sabe la dirección donde vive, o deja que otra persona hable por ella.

## Trabajo doméstico
- Una empleada doméstica o niñera que nunca tiene un día libre y duerme en la cocina o en un depósito.
- No puede salir sola de la casa ni usar un teléfono.

## Agricultura y pesca
- Trabajadores que viven en la finca o en el barco en malas condiciones y siempre los lleva y los trae la misma persona.
- El pago se retiene "hasta el final de la temporada".

## Hoteles, restaurantes y bares
- Personal que vive donde trabaja y es trasladado de un lugar a otro.
- Mujeres jóvenes que trabajan en bares y dicen que deben dinero por su viaje.

## Construcción
- Trabajadores extranjeros cuyos documentos guarda el contratista.
- Jornadas muy largas, sin equipo de seguridad, sin recibos de pago.

## Comercio sexual
- Cualquier menor de 18 años que vende sexo: siempre es explotación.
- Otra persona se queda con el dinero, busca a los clientes o controla dónde vive la persona.

## Mendicidad
- Niños o adultos que piden dinero y se lo entregan a alguien que vigila cerca.
- Niños que piden dinero en horario escolar.

Si ve estas señales, llame a la línea [847](tel:847) o [informe en línea](/report/). No se ponga en peligro ni ponga en peligro a la persona.""",
    },
    "rights": {
        "title": "Derechos de las víctimas",
        "summary": "La Ley contra la Trata de Personas de 2010 da derechos a las víctimas. Este es un resumen en "
        "palabras sencillas, no el texto de la ley.",
        "body": """## Información en su idioma (artículo 22)
El gobierno debe informarle, en un idioma que usted entienda, sobre:
- sus derechos legales;
- cómo avanzan los juicios y otros procedimientos que le conciernen, incluido el proceso contra quienes le explotaron y los trámites para volver a su país;
- cómo pedir una situación migratoria legal.

## Ayuda y servicios (artículo 24)
El gobierno, con otros ministerios y organizaciones no gubernamentales, planifica servicios para las víctimas y sus hijos:
- vivienda segura, con comida y un lugar limpio para dormir y asearse;
- apoyo psicológico en un idioma que usted entienda;
- atención médica en un idioma que usted entienda;
- oportunidades de trabajo, estudio o formación;
- ayuda o información legal en un idioma que usted entienda.

Es posible que pueda trabajar. Usted y sus hijos pueden recibir prestaciones sociales durante su estancia. Quedarse en un albergue es su decisión. Puede hablar con su familia, sus amigos y su abogado, y recibir sus visitas. Las víctimas no deben ser alojadas en una cárcel o centro de detención, salvo en circunstancias excepcionales. Los niños tienen una protección especial.

## Situación migratoria (artículo 25)
La ley establece cómo una víctima puede pedir una situación migratoria legal. Pida a la línea o a una agencia que se lo explique.

## Santalucenses víctimas en el extranjero (artículo 29)
Si usted es de Santa Lucía, fue víctima de trata en otro país y no puede probar quién es, puede mostrar sus vínculos con Santa Lucía: dónde nació, su familia y amigos, lugares que conoce o dónde vivió. Un diplomático de la misión de Santa Lucía decide y puede darle un certificado de identidad para volver a casa. Puede apelar al Ministro responsable de asuntos jurídicos. No hace falta poder obtener la ciudadanía para volver.

Para pedir ayuda, vea [dónde pedir ayuda](/es/get-help/).""",
    },
    "get-help": {
        "title": "Dónde pedir ayuda",
        "summary": "La ayuda es gratuita. No tiene que hablar inglés y no tiene que ir primero a la policía.",
        "body": """## Si alguien está en peligro ahora
Llame al [999](tel:999) o al [911](tel:911).

## Para hablar con alguien
Llame a la línea contra la trata [847](tel:847). La línea puede ponerle en contacto con las agencias de abajo: un lugar seguro donde quedarse, atención médica, apoyo psicológico, ayuda legal, ayuda con los documentos y para volver a casa.""",
    },
    "how-to-report": {
        "title": "Cómo informar",
        "summary": "Si cree que alguien es víctima de trata, díganoslo. No necesita estar seguro ni dar su nombre.",
        "body": """## Tres formas de informar
- Llame a la línea contra la trata [847](tel:847), gratis, las 24 horas.
- [Rellene el formulario en línea](/report/). Funciona en cualquier teléfono. Recibirá un código de recibo y una contraseña para consultar su informe y añadir información más tarde.
- Si alguien está en peligro ahora, llame al [999](tel:999).

## Qué contarnos
Lo que sepa: qué vio, dónde y cuándo, quién estaba. No se ponga en peligro para averiguar más.

## Qué pasa después
Un funcionario formado lee cada informe. Puede enviarlo a la policía, al Departamento de Trabajo o a los servicios sociales. Si consulta su informe con su código de recibo, puede encontrar allí una pregunta del funcionario.""",
    },
    "materials": {
        "title": "Materiales de la campaña",
        "summary": "Folletos, carteles y guiones de radio de la campaña, gratis para imprimir y compartir.",
        "body": """Imprímalos, póngalos en su trabajo, en la iglesia, en la escuela o en su tienda, y compártalos con quien los necesite.

Para pedir copias impresas, llame a la línea [847](tel:847).""",
    },
}
