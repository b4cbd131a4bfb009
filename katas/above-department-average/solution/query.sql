SELECT e.id, e.full_name, d.name AS department, e.salary
FROM employees AS e
JOIN departments AS d ON d.id = e.department_id
WHERE e.salary > (
  SELECT AVG(colleague.salary)
  FROM employees AS colleague
  WHERE colleague.department_id = e.department_id
);
