-- Mistake: trusting the composite PRIMARY KEY to refuse NULLs. In SQLite it does
-- not (only INTEGER PRIMARY KEY and WITHOUT ROWID tables do), and a foreign key
-- accepts NULL too, so an enrollment can name no student or no course.

CREATE TABLE students (
  id   INTEGER PRIMARY KEY,
  name TEXT NOT NULL
);

CREATE TABLE courses (
  id    INTEGER PRIMARY KEY,
  code  TEXT NOT NULL UNIQUE,
  title TEXT NOT NULL
);

CREATE TABLE enrollments (
  student_id  INTEGER REFERENCES students (id) ON DELETE CASCADE,
  course_id   INTEGER REFERENCES courses (id) ON DELETE CASCADE,
  enrolled_on TEXT NOT NULL DEFAULT CURRENT_DATE,
  PRIMARY KEY (student_id, course_id)
);

CREATE INDEX enrollments_course_id ON enrollments (course_id);
