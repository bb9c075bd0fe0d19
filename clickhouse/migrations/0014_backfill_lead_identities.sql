-- Until this version only the snippet's identify wrote identities, so a visitor known from a
-- pre-chat form, an offline message, a callback request or an agent's lead stayed anonymous
-- on Live, in Visitors and on the profile. Every capture now identifies its visitor; this gives
-- the leads stored before the same: each visitor with a lead and no identity gets one from
-- their newest details, joined to the person that already holds the lead's email (the
-- earliest such person). Visitors with an identity row are left as they are, so running it
-- again adds nothing.
INSERT INTO identities (site_id, visitor_id, person_id, name, email, phone, updated_at)
SELECT l.site_id, l.visitor_id, if(p.first_person != '', p.first_person, l.visitor_id), l.lead_name, l.lead_email, l.lead_phone, l.at
FROM
(
    SELECT site_id, visitor_id,
           argMaxIf(name, created_at, name != '') AS lead_name,
           lower(argMaxIf(email, created_at, email != '')) AS lead_email,
           argMaxIf(phone, created_at, phone != '') AS lead_phone,
           max(created_at) AS at
    FROM leads FINAL
    WHERE visitor_id != '' AND (site_id, visitor_id) NOT IN (SELECT site_id, visitor_id FROM identities)
    GROUP BY site_id, visitor_id
    HAVING lead_name != '' OR lead_email != '' OR lead_phone != ''
) AS l
LEFT JOIN
(
    SELECT site_id, email AS known_email, argMin(person_id, updated_at) AS first_person
    FROM identities FINAL
    WHERE email != '' AND person_id != ''
    GROUP BY site_id, email
) AS p ON p.site_id = l.site_id AND p.known_email = l.lead_email;
