// Courses with ordered lessons, chat channels and a forum, as Whop v1 objects.
import type { Course } from '@whop/sdk/resources/courses';
import type { Lesson, LessonTypes } from '@whop/sdk/resources/course-lessons';
import type { ChatChannel, Forum } from '@whop/sdk/resources/shared';
import type { IdMaker } from './ids.ts';
import { DAY_MS, iso } from './time.ts';

/** A lesson with the course and chapter it sits in (a Whop Lesson object does not carry them). */
export interface SimLesson {
  course_id: string;
  chapter_id: string;
  experience_id: string;
  course_title: string;
  lesson: Lesson;
}

export interface Content {
  courses: Course[];
  lessons: SimLesson[];
  /** Lessons of each course in order (index = course index). */
  courseLessons: SimLesson[][];
  channels: ChatChannel[];
  forums: Forum[];
}

const COURSES = [
  {
    title: 'Start here',
    lessons: [
      'Welcome',
      'How the community works',
      'Set your goals',
      'Your first win',
      'Tools we use',
      'Daily routine',
      'Asking good questions',
      'Next steps',
    ],
  },
  {
    title: 'Advanced playbook',
    lessons: [
      'Mindset',
      'Research',
      'Planning',
      'Execution',
      'Risk',
      'Review',
      'Scaling up',
      'Automation',
      'Case study 1',
      'Case study 2',
      'Common mistakes',
      'Graduation',
    ],
  },
];
const TYPES: LessonTypes[] = ['video', 'video', 'text', 'video', 'quiz'];

export function buildContent(ids: IdMaker, startMs: number, endMs: number): Content {
  const courses: Course[] = [];
  const lessons: SimLesson[] = [];
  const courseLessons: SimLesson[][] = [];
  COURSES.forEach((c, ci) => {
    const createdMs = ci === 0 ? startMs - 20 * DAY_MS : startMs + Math.floor((endMs - startMs) / 3 / DAY_MS) * DAY_MS;
    const at = iso(createdMs);
    const courseId = ids.next('cors');
    const experienceId = ids.next('exp');
    const chapterSize = Math.ceil(c.lessons.length / 2);
    const chapters: Course.Chapter[] = [];
    const mine: SimLesson[] = [];
    c.lessons.forEach((title, li) => {
      if (li % chapterSize === 0)
        chapters.push({
          id: ids.next('chap'),
          lessons: [],
          order: chapters.length,
          title: `Part ${chapters.length + 1}`,
        });
      const chapter = chapters[chapters.length - 1]!;
      const lessonType = TYPES[li % TYPES.length]!;
      const lesson: Lesson = {
        id: ids.next('lesn'),
        assessment_questions: [],
        attachments: [],
        content: null,
        created_at: at,
        days_from_course_start_until_unlock: null,
        embed_id: null,
        embed_type: null,
        lesson_type: lessonType,
        main_pdf: null,
        order: li,
        thumbnail: null,
        title,
        video_asset: null,
        visibility: 'visible',
      };
      chapter.lessons.push({
        id: lesson.id,
        lesson_type: lessonType,
        order: li,
        thumbnail: null,
        title,
        video_asset: null,
      });
      mine.push({
        course_id: courseId,
        chapter_id: chapter.id,
        experience_id: experienceId,
        course_title: c.title,
        lesson,
      });
    });
    courses.push({
      id: courseId,
      certificate_after_completion_enabled: false,
      chapters,
      cover_image: null,
      created_at: at,
      description: null,
      language: 'en',
      order: String(ci),
      require_completing_lessons_in_order: false,
      tagline: null,
      thumbnail: null,
      title: c.title,
      updated_at: at,
      visibility: 'visible',
    });
    lessons.push(...mine);
    courseLessons.push(mine);
  });
  const channels = ['General', 'Wins', 'Questions'].map(
    (name): ChatChannel => ({
      id: ids.next('chat'),
      ban_media: false,
      ban_urls: false,
      banned_words: [],
      experience: { id: ids.next('exp'), name },
      user_posts_cooldown_seconds: null,
      who_can_post: 'everyone',
      who_can_react: 'everyone',
    }),
  );
  const forums: Forum[] = [
    {
      id: ids.next('frm'),
      email_notification_preference: 'all_admin_posts',
      experience: { id: ids.next('exp'), name: 'Community forum' },
      who_can_comment: 'everyone',
      who_can_post: 'everyone',
    },
  ];
  return { courses, lessons, courseLessons, channels, forums };
}
