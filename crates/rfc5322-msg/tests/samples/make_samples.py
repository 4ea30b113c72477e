#!/usr/bin/env python3
"""Writes the realistic sample messages used by tests/realistic.rs (CRLF line ends).

The messages imitate what Gmail, Outlook, Thunderbird and Apple Mail send (structure, header
styles, the ways each encodes file names); every address, id and payload is made up.
Run from anywhere: python3 crates/rfc5322-msg/tests/samples/make_samples.py
"""
import base64
import os

HERE = os.path.dirname(os.path.abspath(__file__))


def write(name, text, extra=b""):
    data = text.replace("\n", "\r\n").encode("utf-8") + extra
    with open(os.path.join(HERE, name), "wb") as f:
        f.write(data)


def b64lines(data):
    s = base64.b64encode(data).decode()
    return "\n".join(s[i:i + 76] for i in range(0, len(s), 76))


PDF = b"%PDF-1.4\n%\xe4\xfc\xf6\xdf\n1 0 obj\n<</Type/Catalog>>\nendobj\ntrailer\n<</Root 1 0 R>>\n%%EOF\n" * 20
PNG = bytes(range(256)) * 8
DOCX = b"PK\x03\x04" + bytes((i * 7) % 256 for i in range(3000))

write("gmail.eml", f"""Delivered-To: mary@example.net
Received: by 2002:a05:6a10:1234:b0:5a1:2b3c:4d5e with SMTP id abc123;
        Mon, 23 Nov 2026 05:01:02 -0800 (PST)
Return-Path: <john@gmail.example>
DKIM-Signature: v=1; a=rsa-sha256; c=relaxed/relaxed;
        d=gmail.example; s=20230601; t=1700000000;
        h=to:subject:message-id:date:from:mime-version:from:to:cc:subject
         :date:message-id:reply-to;
        bh=47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=;
        b=AAAAB3NzaC1yc2EAAAADAQABAAABAQ
MIME-Version: 1.0
From: John Doe <john@gmail.example>
Date: Mon, 23 Nov 2026 14:01:02 +0100
Message-ID: <CAJ+abc123=def@mail.gmail.example>
Subject: =?UTF-8?B?{base64.b64encode("Re: Résumé des données".encode()).decode()}?=
To: Mary Smith <mary@example.net>
Cc: "Team, The" <team@example.net>
In-Reply-To: <prev-1@example.net>
References: <root-0@example.net> <prev-1@example.net>
Content-Type: multipart/mixed; boundary="000000000000a1b2c3d4e5f60718"

--000000000000a1b2c3d4e5f60718
Content-Type: multipart/alternative; boundary="000000000000a1b2c3d4e5f60717"

--000000000000a1b2c3d4e5f60717
Content-Type: text/plain; charset="UTF-8"
Content-Transfer-Encoding: quoted-printable

Bonjour Mary,

Voici le r=C3=A9sum=C3=A9 des donn=C3=A9es. Une ligne tr=C3=A8s longue qui =
est coup=C3=A9e.

--=20
John

--000000000000a1b2c3d4e5f60717
Content-Type: text/html; charset="UTF-8"
Content-Transfer-Encoding: quoted-printable

<div dir=3D"ltr">Bonjour Mary,<div><br></div><div>Voici le r=C3=A9sum=C3=A9=
 des donn=C3=A9es.</div></div>

--000000000000a1b2c3d4e5f60717--
--000000000000a1b2c3d4e5f60718
Content-Type: application/pdf; name="=?UTF-8?B?UsOpc3Vtw6kucGRm?="
Content-Disposition: attachment; filename="=?UTF-8?B?UsOpc3Vtw6kucGRm?="
Content-Transfer-Encoding: base64
Content-ID: <f_lq1w2e3r0>
X-Attachment-Id: f_lq1w2e3r0

{b64lines(PDF)}
--000000000000a1b2c3d4e5f60718--
""")

write("outlook.eml", f"""Received: from DB9PR01MB1234.eurprd01.prod.example (2603:10a6:10:1::1) by
 DB9PR01MB5678.eurprd01.prod.example with HTTPS; Mon, 23 Nov 2026 13:00:05
 +0000
From: "Smith, Mary" <mary.smith@outlook.example>
To: John Doe <john@gmail.example>, "O'Brien, Pat" <pat@example.org>
Subject: =?iso-8859-1?Q?RE:_R=E9union_de_l'=E9quipe?=
Thread-Topic: =?iso-8859-1?Q?R=E9union_de_l'=E9quipe?=
Thread-Index: AQHZ1234abcdEFGH
Date: Mon, 23 Nov 2026 13:00:04 +0000
Message-ID: <DB9PR01MB1234ABCD@DB9PR01MB1234.eurprd01.prod.example>
Accept-Language: fr-FR, en-US
Content-Language: fr-FR
X-MS-Has-Attach: yes
Content-Type: multipart/mixed;
	boundary="_004_DB9PR01MB1234ABCDDB9PR01MB1234eurp_"
MIME-Version: 1.0

--_004_DB9PR01MB1234ABCDDB9PR01MB1234eurp_
Content-Type: multipart/alternative;
	boundary="_000_DB9PR01MB1234ABCDDB9PR01MB1234eurp_"

--_000_DB9PR01MB1234ABCDDB9PR01MB1234eurp_
Content-Type: text/plain; charset="iso-8859-1"
Content-Transfer-Encoding: quoted-printable

Bonjour,

Voici le compte rendu de la r=E9union. Co=FBt estim=E9 : 100 =80.

Cordialement,
Mary

--_000_DB9PR01MB1234ABCDDB9PR01MB1234eurp_
Content-Type: text/html; charset="iso-8859-1"
Content-Transfer-Encoding: quoted-printable

<html><head>
<meta http-equiv=3D"Content-Type" content=3D"text/html; charset=3Diso-8859-=
1">
</head><body><p>Voici le compte rendu de la r=E9union.</p></body></html>

--_000_DB9PR01MB1234ABCDDB9PR01MB1234eurp_--

--_004_DB9PR01MB1234ABCDDB9PR01MB1234eurp_
Content-Type: application/vnd.openxmlformats-officedocument.wordprocessingml.document;
	name="=?iso-8859-1?Q?Compte_rendu_r=E9union.docx?="
Content-Description: =?iso-8859-1?Q?Compte_rendu_r=E9union.docx?=
Content-Disposition: attachment;
	filename="=?iso-8859-1?Q?Compte_rendu_r=E9union.docx?="; size={len(DOCX)};
	creation-date="Mon, 23 Nov 2026 12:59:00 GMT";
	modification-date="Mon, 23 Nov 2026 12:59:00 GMT"
Content-Transfer-Encoding: base64

{b64lines(DOCX)}

--_004_DB9PR01MB1234ABCDDB9PR01MB1234eurp_--
""")

write("thunderbird.eml", """Message-ID: <0a1b2c3d-4e5f-6789-abcd-ef0123456789@example.org>
Date: Mon, 23 Nov 2026 14:30:00 +0300
MIME-Version: 1.0
User-Agent: Mozilla Thunderbird
Content-Language: ru
To: Ivan <ivan@example.net>
From: =?UTF-8?B?0JDQvdC90LA=?= <anna@example.org>
Subject: =?UTF-8?B?0J/RgNC40LLQtdGCLCDQvNC40YAh?=
Content-Type: multipart/mixed; boundary="------------0aBcDeFgHiJkLmNoPqRsTuV"

This is a multi-part message in MIME format.
--------------0aBcDeFgHiJkLmNoPqRsTuV
Content-Type: text/plain; charset=UTF-8; format=flowed
Content-Transfer-Encoding: 8bit

Привет, Иван!

Файл во вложении.

--------------0aBcDeFgHiJkLmNoPqRsTuV
Content-Type: text/plain; charset=UTF-8;
 name="=?UTF-8?B?0L7Rh9C10L3RjCDQtNC70LjQvdC90L7QtSDQuNC80Y8udHh0?="
Content-Disposition: attachment;
 filename*0*=UTF-8''%D0%BE%D1%87%D0%B5%D0%BD%D1%8C%20%D0%B4%D0%BB%D0%B8%D0%BD;
 filename*1*=%D0%BD%D0%BE%D0%B5%20%D0%B8%D0%BC%D1%8F.txt
Content-Transfer-Encoding: base64

0J/RgNC40LLQtdGCIQo=

--------------0aBcDeFgHiJkLmNoPqRsTuV--
""")

write("apple.eml", f"""From: Jane Appleseed <jane@icloud.example>
Content-Type: multipart/alternative;
	boundary="Apple-Mail=_1A2B3C4D-5E6F-7081-92A3-B4C5D6E7F809"
Mime-Version: 1.0 (Mac OS X Mail 16.0 \\(3731.500.231\\))
Subject: Photo
Date: Mon, 23 Nov 2026 09:15:00 -0500
Message-Id: <7F3A1B2C-0000-4000-8000-123456789ABC@icloud.example>
To: bob@example.com
X-Mailer: Apple Mail (2.3731.500.231)


--Apple-Mail=_1A2B3C4D-5E6F-7081-92A3-B4C5D6E7F809
Content-Transfer-Encoding: 7bit
Content-Type: text/plain;
	charset=us-ascii

Here is the photo.


--Apple-Mail=_1A2B3C4D-5E6F-7081-92A3-B4C5D6E7F809
Content-Type: multipart/related;
	type="text/html";
	boundary="Apple-Mail=_9F8E7D6C-5B4A-3928-1706-F5E4D3C2B1A0"


--Apple-Mail=_9F8E7D6C-5B4A-3928-1706-F5E4D3C2B1A0
Content-Transfer-Encoding: 7bit
Content-Type: text/html;
	charset=us-ascii

<html><body>Here is the photo.<img src="cid:9C8B7A69-5847-3625-1403-F2E1D0C9B8A7@home"></body></html>

--Apple-Mail=_9F8E7D6C-5B4A-3928-1706-F5E4D3C2B1A0
Content-Transfer-Encoding: base64
Content-Disposition: inline;
	filename=image001.png
Content-Type: image/png;
	x-unix-mode=0644;
	name="image001.png"
Content-Id: <9C8B7A69-5847-3625-1403-F2E1D0C9B8A7@home>

{b64lines(PNG)}

--Apple-Mail=_9F8E7D6C-5B4A-3928-1706-F5E4D3C2B1A0--

--Apple-Mail=_1A2B3C4D-5E6F-7081-92A3-B4C5D6E7F809--
""")

write("forwarded.eml", """From: Bob <bob@example.com>
To: Carol <carol@example.com>
Subject: Fwd: Photo
Date: Mon, 23 Nov 2026 10:00:00 -0500
Message-ID: <fwd-1@example.com>
MIME-Version: 1.0
Content-Type: multipart/mixed; boundary="fwd-outer"

--fwd-outer
Content-Type: text/plain; charset=utf-8
Content-Transfer-Encoding: 7bit

See the message below.

--fwd-outer
Content-Type: message/rfc822
Content-Disposition: attachment; filename="Photo.eml"

From: Jane Appleseed <jane@icloud.example>
To: bob@example.com
Subject: Photo
Date: Mon, 23 Nov 2026 09:15:00 -0500
Message-Id: <inner-1@icloud.example>
MIME-Version: 1.0
Content-Type: multipart/alternative; boundary="fwd-inner"

--fwd-inner
Content-Type: text/plain; charset=us-ascii

Here is the photo.
--fwd-inner
Content-Type: text/html; charset=us-ascii

<p>Here is the photo.</p>
--fwd-inner--

--fwd-outer--
""")
