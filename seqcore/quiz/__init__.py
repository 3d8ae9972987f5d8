"""실습 퀴즈: one file per question (data/), answer parsing, graders found by each question's kind,
the training tasks, and the solutions' captured output.

The quiz is the one topic that reaches into others, on purpose: it grades with the lesson's own
code. `truths` runs `seqcore.basics.shapes.explore_shapes` for the shape questions, and the
sentiment task trains on `seqcore.sentiment.models.lesson_dataset`, the lesson's toy reviews.
Changing those lessons changes the quiz's truths with them.
"""
