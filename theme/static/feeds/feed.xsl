<?xml version="1.0" encoding="UTF-8"?>
<!-- Shows an Atom or RSS feed as a readable Greek page when opened in a browser; feed readers ignore it. -->
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform" xmlns:atom="http://www.w3.org/2005/Atom">
  <xsl:output method="html" encoding="UTF-8" indent="yes"/>
  <xsl:template match="/">
    <html lang="el">
      <head>
        <meta charset="utf-8"/>
        <meta name="viewport" content="width=device-width, initial-scale=1"/>
        <title>Ροή: <xsl:value-of select="atom:feed/atom:title | rss/channel/title"/></title>
        <link rel="stylesheet" href="/theme/css/kiryx.css"/>
        <link rel="stylesheet" href="/theme/css/brand.css"/>
        <link rel="icon" href="/favicon.svg" type="image/svg+xml"/>
      </head>
      <body>
        <main class="wrap" id="main">
          <p class="badge">Αυτή είναι μια ροή ειδήσεων (RSS/Atom)</p>
          <h1><xsl:value-of select="atom:feed/atom:title | rss/channel/title"/></h1>
          <p class="lead"><xsl:value-of select="atom:feed/atom:subtitle | rss/channel/description"/></p>
          <p>Αντιγράψτε τη διεύθυνση αυτής της σελίδας στον αναγνώστη ειδήσεών σας για να λαμβάνετε αυτόματα κάθε νέα δημοσίευση. <a href="/feeds/">Όλες οι ροές</a></p>
          <ul class="archive-list">
            <xsl:for-each select="atom:feed/atom:entry | rss/channel/item">
              <li>
                <a><xsl:attribute name="href"><xsl:value-of select="atom:link[not(@rel)]/@href | link"/></xsl:attribute><xsl:value-of select="atom:title | title"/></a>
                <br/><small><xsl:value-of select="atom:summary | description"/></small>
              </li>
            </xsl:for-each>
          </ul>
        </main>
      </body>
    </html>
  </xsl:template>
</xsl:stylesheet>
