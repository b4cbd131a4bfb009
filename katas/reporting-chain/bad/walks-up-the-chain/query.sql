WITH RECURSIVE org(id, name, manager_id, depth) AS (
  SELECT id, name, manager_id, 1
  FROM employees
  WHERE manager_id = 2
  UNION ALL
  SELECT e.id, e.name, e.manager_id, o.depth + 1
  FROM employees AS e
  JOIN org AS o ON e.id = o.manager_id
)
SELECT id, name, depth
FROM org;
