-- Reference schema: students-and-courses

CREATE TABLE students (
  id   INTEGER PRIMARY KEY,
  name TEXT NOT NULL
);

CREATE TABLE courses (
  id    INTEGER PRIMARY KEY,
  code  TEXT NOT NULL UNIQUE,
  title TEXT NOT NULL
);

-- The junction table: one row per (student, course) pair.
CREATE TABLE enrollments (
  student_id  INTEGER NOT NULL REFERENCES students (id) ON DELETE CASCADE,
  course_id   INTEGER NOT NULL REFERENCES courses (id) ON DELETE CASCADE,
  enrolled_on TEXT NOT NULL DEFAULT CURRENT_DATE,
  PRIMARY KEY (student_id, course_id)
);

-- The primary key's index starts with student_id, so it serves "the courses of a
-- student". "The students of a course" needs its own index, led by course_id
-- (it also keeps ON DELETE CASCADE from a course fast).
CREATE INDEX enrollments_course_id ON enrollments (course_id);
