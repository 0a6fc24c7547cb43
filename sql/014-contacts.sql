-- Contacts (issue 14, item 4): each user's own address book. A contact has a name and optionally a company, an
-- e-mail and notes; its numbers (E.164, each with a label) are rows of contact_numbers, which carry the owner's
-- user_id too so that the number→name lookup and the search by number read one index without a join.
CREATE TABLE contacts (
    id INT AUTO_INCREMENT PRIMARY KEY,
    user_id INT NOT NULL,
    name VARCHAR(100) NOT NULL,
    company VARCHAR(100) NULL,
    email VARCHAR(254) NULL,
    notes TEXT NULL,
    created_at DATETIME(3) NOT NULL,
    updated_at DATETIME(3) NOT NULL,
    CONSTRAINT fk_contacts_user FOREIGN KEY (user_id) REFERENCES users (id) ON DELETE CASCADE,
    INDEX idx_contacts_user_name (user_id, name, id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- position keeps the order the user gave; a contact holds a number once.
CREATE TABLE contact_numbers (
    id INT AUTO_INCREMENT PRIMARY KEY,
    contact_id INT NOT NULL,
    user_id INT NOT NULL,
    position TINYINT UNSIGNED NOT NULL,
    label VARCHAR(30) NOT NULL,
    phone_number VARCHAR(20) NOT NULL COMMENT 'E.164',
    CONSTRAINT fk_contact_numbers_contact FOREIGN KEY (contact_id) REFERENCES contacts (id) ON DELETE CASCADE,
    CONSTRAINT fk_contact_numbers_user FOREIGN KEY (user_id) REFERENCES users (id) ON DELETE CASCADE,
    UNIQUE KEY uq_contact_numbers_contact_number (contact_id, phone_number),
    INDEX idx_contact_numbers_user_number (user_id, phone_number)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
