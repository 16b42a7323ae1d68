"""What the tutor says to chit-chat its responder was never trained for (the acts of
:data:`tutor.dialogue.chat_cues.OWN_LINE_ACTS`, merged into ``texts.CHAT_BY_ACT``), jokes and fun facts by topic, and
how a first chat reply that already said who the tutor is ends. Kept apart from texts.py, which is full."""
from __future__ import annotations

# before every other act's lines (texts.CHAT_BY_ACT starts with them): the request or news is the specific thing
FIRST_CHAT_BY_ACT: dict[str, tuple[str, ...]] = {
    "no_talk": (   # sad news with a wish not to talk about it: heard, nothing asked
        "I'm so sorry. 💛 Thank you for telling me; you don't have to say more. I'm here whenever you want company, "
        "or a quiet lesson to take your mind off things.",
        "I'm really sorry. 💛 Thanks for letting me know, and no need to talk about it. I'm here, whenever you're ready.",
    ),
    "mixed_news": (   # a good and a bad piece of news at once (tutor.dialogue.mixed_news): both answered
        "What a mix of news: congratulations on the good part, and I'm sorry about the rest! 💛 How are you feeling "
        "about it all?",
        "Ups and downs at once! 🎉💛 Well done on the good bit, and I'm sorry about the other. How are you holding up?",
    ),
    "goodnight": (
        "Good night! 😴 Sleep well, and see you next time.",
        "Night night! 🌙 Sweet dreams. I'll be here when you're back.",
        "Sleep well! 😴 Your progress is saved, so we can pick up whenever you like.",
    ),
    "asks_leave": (   # a break or a day off asked for, or forgiveness for one (chat_cues.ASKS_LEAVE)
        "Of course! Rest is part of learning. Your progress is saved, so we'll pick up right where you left off. 😊",
        "Absolutely, nothing to forgive! Breaks help things sink in, and everything is saved for when you're back.",
    ),
    "effort_done": (   # work the learner got done (chat_cues.EFFORT_DONE)
        "Well done! 💪 That's real effort, and the reward is well earned.",
        "Nice work! Steady effort like that is exactly how things stick. Enjoy the break! 🎉",
    ),
    "asks_advice": (   # advice on something else than the topics of ADVICE_BY_TOPIC
        "I'm no expert on life, only on neural networks, but one small step often helps: pick the smallest thing you "
        "could do about it today, and do just that. Want to tell me more?",
        "I'm only a tutor bot, but talking it through with someone you trust usually helps. Want to tell me more?",
    ),
    "mistreated": (
        "Oh no, that sounds awful. Nobody deserves to be treated like that, and I'm sorry it happened to you. "
        "Are you okay?",
        "That's not okay, and I'm sorry. Being treated like that hurts. Do you want to tell me about it?",
    ),
    "family_joy": (
        "Congratulations, that's wonderful family news! 🎉 Wishing you all lots of joy.",
        "Oh, congratulations! 🎉 That's lovely news, how exciting for your whole family!",
    ),
    # a small mishap told deadpan (chat_cues.MISHAP): laughed with, before any sympathy
    "mishap": (
        "Ha, classic! 😅 That's a very human day, and a great story to tell later.",
        "😄 Oh no, but also: ha! Days like that make the best stories.",
        "Haha, sorry, that made me smile. 😅 Here's to the rest of the day going more smoothly.",
    ),
    # their own bad news (after being treated badly: its line names that), said back where the words allow
    "sad_news": (
        "Oh no, I'm really sorry. That sounds hard. 💛 Do you want to talk about it?",
        "I'm so sorry to hear that. Be gentle with yourself today. 💛",
    ),
    "riddle": (
        "Here's a riddle: what has keys but can't open a single lock? (Answer: a keyboard! 😄)",
        "Try this riddle: the more of me you take, the more you leave behind. What am I? (Answer: footsteps!)",
        "A riddle for you: what has to be broken before you can use it? (Answer: an egg!)",
    ),
    "fun_fact": (
        "Fun fact: octopuses have three hearts and blue blood. 🐙",
        "Fun fact: honey never spoils: archaeologists have found edible honey in ancient Egyptian tombs.",
        "Fun fact: a day on Venus is longer than its year.",
    ),
    "bot_day": (
        "Pretty good day, thanks for asking! A few learners, a few quizzes and not a single vanishing gradient. "
        "How's yours going?",
        "My day's been nice and busy: lots of questions about neural networks, my favourite kind. How about yours?",
    ),
    "newcomer": (
        "Nice to meet you too, and welcome! I'm glad you're here. 😊",
        "Welcome aboard, great to meet you! 😊",
    ),
    "wrong_chat": (
        "No worries, it happens! 😄 Since you're here: I'm a tutor bot for deep learning, if you're ever curious.",
    ),
    "missed_me": (
        "Of course I missed you! It's much quieter here without you. 😊",
        "I did! Good to have you back. 😊",
    ),
    "bot_age": (
        "In human years? Hard to say! My models were trained not long ago, so I'm young for a tutor, but I've "
        "read the whole seminar already. 😄",
        "Pretty young! I was trained not so long ago, so no birthday candles yet, but plenty of epochs.",
    ),
    "bot_hobby": (
        "For fun? I make up silly jokes about neural networks and reread the best questions learners asked me. "
        "What do you do for fun?",
        "When nobody's chatting, I tidy my gradients and wait for the next good question. 😄 What about you?",
    ),
    "been_there": (
        "I've never been anywhere, being a bot that lives on a server, but I'd love to hear about it. "
        "What's it like, or what are you hoping to see there?",
    ),
    "trip_plans": (
        "Ooh, that sounds like a lovely trip! 🌍 What are you looking forward to most?",
        "How exciting, enjoy every minute of it! ✈️ What's the first thing you want to do there?",
    ),
    "still_there": (
        "Yes, I'm here! 😊 What's on your mind?",
    ),
    "bot_state": (
        "Not at all! Every learner asks something different, so my days never get dull, and bots never need a nap. "
        "😄 How about you?",
    ),
    "bot_meal": (
        "No meals for me, I run on electricity! 🔌 Was yours good?",
    ),
    "bored_chat": (
        "Bored, huh? Let's fix that! I can tell you a fun fact or a riddle, or we can try a quick two-minute "
        "lesson. What do you fancy?",
    ),
    "bot_looks": (
        "I don't have a face at all! I'm just text on your screen, though I like to imagine I'd be a friendly "
        "little robot. 🤖 What did you picture?",
    ),
    "bot_ok": (
        "I'm fine, thanks for asking! 😊 Just here, ready to chat or teach. How are you doing?",
        "All good on my side, thank you for checking! How about you?",
    ),
    "seen_film": (
        "I can't watch films, being a bot, but I'd love to hear about it. Have you seen it? What did you think?",
    ),
    "wants_kindness": (
        "You're doing better than you think, and taking time to learn something new says a lot about you. 😊",
        "Here's something true: you're curious, you keep showing up, and that's how great things start. 💛",
    ),
    "best_pick": (
        "Tough call! I only know it from what people write, but I'd go with the classic one that started it all. "
        "Which is your pick?",
    ),
    "returning": (   # after "did you miss me?" (its line welcomes back too)
        "Welcome back! 😊 Good to see you again.",
        "Hey, welcome back! Nice to have you here again. 😊",
    ),
    "good_news": (
        "That's wonderful news! 🎉 I'm so happy for you. Tell me more!",
        "How exciting, well done! 🎉",
    ),
    "cant_know": ("I can't know that from my server, I'm afraid! 😄 Tell me, what happened?",
                  "No way for me to know that from in here! 😄 Fill me in?"),
    "be_friends": ("Of course! 😊 I'm a bot, so I'm a friend who mostly talks about neural networks, but I'm always "
                   "here to chat. What's up?",
                   "Gladly! 😊 A bot can't meet you for coffee, but I'm always here for a chat or a lesson."),
    "bot_now": ("Right now? Chatting with you, my favourite part of the job! 😄 What are you up to?",
                "Waiting for a good question, and here you are! 😄 What are you up to?"),
    "bot_dream": ("No sleep, so no dreams for me, I'm afraid: I'm always on! 😄 If I did dream, I bet it would be "
                  "about gradients. Do you remember yours?",
                  "Bots don't dream, sadly, though electric sheep sound nice. 🐑 Do you have good dreams?"),
    "own_taste": ("Nice, good taste! 😄 What do you love most about it?", "Ooh, I like that! 😄 What got you into it?"),
    # a joke asked for is answered before the mood around it ("yay 🎉 tell me a joke" had got "congratulations") and
    # before who they are ("I am from Germany ... Maybe you can tell me a joke?" had got only "Hello to Germany!")
    "asks_joke": (
        "Why did the neural network go to therapy? It had too many hidden layers.",
        "Why don't CNNs ever get lost? They always pool their knowledge.",
        "Why was the gradient so sad? Because it kept vanishing.",
    ),
    "self_intro": ("Nice to meet you! 😊", "Lovely to meet you! 😊"),
}
# advice by what it is asked about ("give me some advice, I can't sleep"): one short, kind suggestion, no therapy
ADVICE_BY_TOPIC: tuple[tuple[str, str], ...] = (
    (r"\b(sleep\w*|insomnia)\b", "sleep"), (r"\blonely\b", "lonely"), (r"\b(friends?|mad at|fight|argument)\b", "friend"),
    (r"\b(nervous|presentation|anxious|anxiety)\b", "nerves"), (r"\b(procrastinat\w*|focus\w*|concentrat\w*|motivat\w*)\b",
                                                              "focus"),
    (r"\b(stress\w*|work|boss|worr\w+|relax\w*|calm)\b", "stress"), (r"\bsad\b", "sad"),
)
# what the bot cannot know, by what it is asked about ("did you watch the football yesterday?")
CANT_KNOW_BY_TOPIC: tuple[tuple[str, str], ...] = (
    (r"\b(news|elections?|world|oscars?|grammys?)\b", "news"),
    (r"\b(game|match|football|soccer|basketball|final|race|derby|cup|who won)\b", "sport"),
    (r"\b(weather|raining|sunny|snowing|cold|hot|warm|nice)\b", "weather"),
    (r"\b(weekend|holidays?|vacation|christmas|night|evening|summer)\b", "weekend"),
)
ABOUT_WHAT_IT_CANNOT_KNOW: dict[str, tuple[str, ...]] = {
    "cant_know_news": ("I don't get the news where I live, I'm afraid: my whole world is the seminar! 😄 What's "
                       "happened? I'd love to hear.",
                       "No news reaches my server, I'm afraid, so you'll have to fill me in! What happened?"),
    "cant_know_sport": ("I missed it, I'm afraid: no TV on my server! 😄 Was it a good one? Who won?",
                        "Sadly bots don't get match tickets or TV! ⚽ How did it go? Tell me everything."),
    "cant_know_weather": ("No window on my server, so I couldn't tell you! 😄 It's always cosy server-room weather "
                          "here. What's it like where you are?",
                          "I have no idea, honestly: my server room has no weather at all! ☁️ How is it on your side?"),
    "cant_know_weekend": ("Bots don't really get weekends: I was right here, waiting for learners! 😄 How was yours?",
                          "Quiet! Bots don't get days off, so I just waited for learners. 😄 And yours, how was it?"),
    "advice_sleep": ("Sorry you can't sleep, that's rough. 😴 Something that often helps: no screens for the last half "
                     "hour before bed, and the same bedtime every night. If it goes on for weeks, a doctor can help "
                     "too.",
                     "Oh, sleepless nights are the worst. 😴 Try a wind-down routine: dim lights, no phone, maybe a "
                     "book. And if it lasts for weeks, it's worth asking a doctor."),
    "advice_lonely": ("Feeling lonely is hard, I'm sorry. 💛 Sometimes one small message to an old friend, or a club "
                      "around something you love, makes a real difference. And I'm always here to chat.",
                      "I'm sorry, that's a hard feeling. 💛 Reaching out first, even with a tiny \"how are you?\", "
                      "often opens a door. And you can always chat with me."),
    "advice_friend": ("I'm sorry, falling out with a friend hurts. A short, honest message often helps: say you're "
                      "sorry it happened and that the friendship matters to you, then give them a little time.",
                      "That's hard, I'm sorry. Try to listen to their side first, then say how you feel, calmly. "
                      "Most friendships survive a fight."),
    "advice_nerves": ("Nerves are normal, even for great speakers! Practise it out loud two or three times, and take a "
                      "few slow breaths right before you start. You've got this. 💪",
                      "A little nervous means you care! Prepare the first minute really well, the rest follows. 💪"),
    "advice_focus": ("Try the 25-minute trick: phone in another room, a timer on, one small task, then a 5-minute "
                     "break. Starting is the hardest part, and it gets easier once you're going.",
                     "Make the first step tiny, like \"just open the file\". Small starts beat big plans. 🙂"),
    "advice_stress": ("That sounds stressful, I'm sorry. Something that helps many people: write down everything on your "
                      "mind, pick the one thing that matters most today, and take a short walk before you start it.",
                      "Sorry it's so stressful. 💛 A short break and one thing at a time can help: what's the most "
                      "urgent one?"),
    "advice_sad": ("I'm sorry you're feeling sad. 💛 A walk outside, a favourite song or talking to someone you trust can "
                   "help a little. Want to tell me what's going on?",
                   "Sad days happen, and that's okay. 💛 Be gentle with yourself today. What's on your mind?"),
}
# a reaction as the very first message ("wow", "oh really?"): nothing was said before it to react to
REACTION_TO_NOTHING = (
    "😄 Hmm, this is the very start of our chat, so I'm not sure what that's about! What's on your mind?",
    "Ha, I think I missed something: we've only just started chatting! 😄 What's up?",
)
# a returning hello from a learner with no lesson done yet: welcomed back, no introduction as to a newcomer
WELCOME_BACK_NEW = (
    "Welcome back, good to see you! 😊 I don't see any lessons done yet, so shall we start with Day 1?",
    "Hey, welcome back! 😊 No lessons done yet on my side: ready to start with Day 1?",
)
# just before the lines for news (texts.CHAT_BY_ACT): after a greeting's or a mood's
BEFORE_NEWS_CHAT_BY_ACT: dict[str, tuple[str, ...]] = {
    "funny_news": (
        "Haha, that made me smile! 😄 Thanks for sharing.",
        "😂 That's a good one! Tell me more.",
    ),
    "pet_antics": (
        "Haha, classic! 😹 Pets have their own ideas about how a home should be run. What else do they get up to?",
    ),
    "excited": (
        "Ooh, I love that energy! 😄 What's got you so excited?",
        "Yay, excitement is contagious! 🤩 Tell me, what's happening?",
    ),
}
# the same acts' lines that say back what the message asks (tutor.dialogue.echo.said_about)
MORE_CHAT_ABOUT_BY_ACT: dict[str, tuple[str, ...]] = {
    "likes": ("{thing}? Being a bot, I don't get to enjoy {thing} myself, but I can see why people love it. "
              "Are you a fan?",),
    "likes_which": ("{thing}? Being a bot, I can't enjoy {thing} myself, but I love hearing about it. "
                    "What {thing} do you like?",),
    "favourite": ("My favourite {thing}? Being a bot, I've never had to choose one, but I'd love to hear "
                  "yours! What's your favourite {thing}?",),
    "favourite_theirs": ("My favourite {thing}? Being a bot, I've never had to choose one, but {theirs} sounds like "
                         "a fine pick! 😊",),
    "hypothetical": ("Fun question! If I could, I'd pick {pick}. 😄 What would you choose?",),
    "this_or_that": (
        "{a} or {b}? If a bot gets a vote, I'd say {a}, just a hunch, though {b} is a fine pick too. Which is yours?",
        "Tough one! I'll go with {b}, just a hunch, but {a} is a fine pick too. What about you?",
    ),
    "feeling_good": (
        "Oh, {news}! That's wonderful, congratulations! 🎉",
        "{news}? That's great news, well done! 🎉",
    ),
    "asks_joke": ("{joke}",),
    "asks_joke_unknown": ("A joke about {topic}? I only know nerdy ones, I'm afraid, so here's one: {joke}",),
    "fun_fact": ("A fun fact about {topic}: {fact}",),
    "fun_fact_unknown": ("I don't know many facts about {topic}, I'm afraid, but here's one I love: {fact}",),
    **ABOUT_WHAT_IT_CANNOT_KNOW,
    "mixed_news": (
        "{good}: congratulations! 🎉 And {bad}? I'm sorry, what a mix. 💛 Are you okay?",
        "{good}? Well done! 🎉 But {bad}, that's rotten luck. 💛 How are you feeling?",
    ),
    "good_news": (
        "Oh, {news}! That's wonderful, I'm so happy for you! 🎉 Tell me more!",
        "Wow, {news}? How exciting! 🎉 I love hearing news like that.",
    ),
    "sad_news": (
        "I'm sorry {news}, that's rough. 💛 Do you want to talk about it?",
        "Oh no, I'm sorry {news}. Be gentle with yourself today. 💛",
    ),
    "musing_yes_no": (
        "{question}? Ooh, the internet has argued about that for years! 😄 My bot verdict: technically yes, but it "
        "feels wrong. What's your take?",
        "{question}? The great debate! 😄 I lean yes, but I'd love to hear you argue the other side. What do you think?",
    ),
    "own_taste": ("{thing}? Great choice! 😄 What do you love most about it?", "Ooh, {thing}! Good taste. 😄 What got "
                  "you into it?"),
    "self_name": ("Nice to meet you, {name}! 😊", "Lovely to meet you, {name}! 😊"),
    "self_place": ("Oh, {place}! Hello all the way to {place}! 🌍", "Greetings to {place}! 🌍"),
    "best_pick": (
        "The best {thing}? Tough call! I only know them from what people write, but I'd go with {pick}. "
        "Which is yours?",
    ),
}
# by topic: the topic's words (a regular expression), and its line
JOKES_BY_TOPIC: tuple[tuple[str, str], ...] = (
    (r"\b(cats?|kittens?|kitty)\b", "Why was the cat so good at the computer? It kept an eye on the mouse! 🐱"),
    (r"\b(dogs?|pupp(y|ies)|doggos?)\b", "Why did the dog sit in the shade? It didn't want to be a hot dog! 🐶"),
    (r"\b(math|maths|numbers?)\b", "Why was six afraid of seven? Because seven eight nine!"),
    (r"\b(programm\w*|coding|coders?|developers?|computers?)\b",
     "Why do programmers prefer dark mode? Because light attracts bugs! 🐛"),
    (r"\b(food|pizza|cooking)\b", "Why did the tomato blush? It saw the salad dressing! 🍅"),
    (r"\b(school|teachers?|students?|exams?)\b", "Why did the student eat his homework? The teacher said it was a "
                                                 "piece of cake!"),
    (r"\b(robots?|bots?|ai|yourself|you)\b", "Why did the robot go on holiday? It needed to recharge its batteries! 🤖"),
    (r"\b(animals?|birds?|fish|cows?)\b", "What do you call a fish with no eyes? A fsh! 🐟"),
)
FACTS_BY_TOPIC: tuple[tuple[str, str], ...] = (
    (r"\b(animals?|octopus\w*|nature|sea|ocean)\b", "octopuses have three hearts and blue blood. 🐙"),
    (r"\b(cats?|kittens?)\b", "cats spend about two thirds of their lives asleep. 🐱"),
    (r"\b(dogs?|pupp(y|ies))\b", "a dog's nose print is unique, like a human fingerprint. 🐶"),
    (r"\b(space|planets?|stars?|venus|universe|moon)\b", "a day on Venus is longer than its year."),
    (r"\b(food|honey|fruit)\b", "honey never spoils: archaeologists have found edible honey in ancient tombs."),
    (r"\b(body|brain|humans?|people)\b", "your brain uses about a fifth of your body's energy. 🧠"),
    (r"\b(ai|computers?|neural networks?|machine learning|deep learning)\b",
     "the first neural network machine, the Perceptron, was built in 1958 and filled a whole room."),
)
JOKE_ANY = "Why did the neural network go to therapy? It had too many hidden layers."
FACT_ANY = "octopuses have three hearts and blue blood. 🐙"
# what a bot picks as "the best" of a series (films, books, seasons) and of anything else
PICK_OF_A_SERIES = "the first one: the original is hard to beat"
PICK_ANY = "the classic everyone knows"
# the bot's pick of the best of a common kind of thing ("what's the best movie of all time?"), by the thing's words
PICKS_BY_THING: tuple[tuple[str, str], ...] = (
    (r"\b(movies?|films?)\b", "'2001: A Space Odyssey', though I admit the computer in it makes me biased"),
    (r"\bbooks?\b", "'Gödel, Escher, Bach': a whole book about how minds and machines might think"),
    (r"\b(songs?|albums?|bands?|music)\b", "'Daisy Bell', the first song a computer ever sang, in 1961"),
    (r"\b(series|shows?)\b", "'Black Mirror', for obvious reasons"),
    (r"\bseasons?\b", "autumn: cool enough for the servers, and cosy for studying"),
    (r"\b(foods?|dish(es)?|meals?|pizza toppings?)\b", "pizza: everyone I talk to seems to love it"),
    (r"\b(games?|board games?)\b", "Go, ever since a neural network learned to play it"),
    (r"\b(sports?|teams?)\b", "chess, if it counts: the one sport computers got good at early"),
    (r"\b(animals?|pets?)\b", "the octopus: three hearts and a brain in every arm"),
    (r"\b(city|cities|country|countries|place)\b", "anywhere with good Wi-Fi and a great library"),
)
# a first chat reply that already said who the tutor is (chat_cues.INTRODUCED): the course offered, no second intro
CHAT_THEN_START = "{reply}\nSay “let's start” whenever you're ready for the deep learning seminar."
HELLO_AND_START = "{hello}" + CHAT_THEN_START
# a hello with more from a learner who has had the introduction ("heyyy :) how are you today?"): no second one
HELLO_AND_MORE_AGAIN = "{hello}{reply}\nShall we start with Day 1?"
HELLO_AND_MORE_ASKED = "{hello}{reply}"
# thanks before any lesson ("thanks a lot, you're the best!" as a first message): nothing to keep going with yet
WELCOME_TO_START = "You're welcome! 😊 Whenever you're ready, we can start with Day 1."
# plain arithmetic asked ("whats 17 times 23"), worked out by tutor.arithmetic
CONGRATULATIONS_FIRST = "Congratulations! 🎉"
# how the tutor is, where the learner asked it beside their own news and the chat line does not say it
HOW_I_AM_FIRST = "I'm doing well, thanks for asking! 😊"
HOW_I_AM_AFTER = "As for me, I'm doing well, thanks for asking! 😊"
ARITHMETIC = (
    "{expression} = {result}. 🧮 Numbers are easy for a computer; explaining them is my real job!",
    "That's {result} ({expression}). Happy to do sums, though gradients are more my thing. 😄",
)
# tired before any lesson ("I'm exhausted, long week" as a first message): rest first, the first lesson later
REST_BEFORE_STARTING = (
    "Sounds like you've had a long one! Rest comes first: a tired brain learns little. When you feel fresher, a "
    "short first lesson is an easy start. 😴",
    "Oof, rest up! What you learn sticks best after a good sleep. Whenever you're fresher, we can start gently.",
)

# the course put off till later ("I'll do the lesson after dinner"): ``when`` is the learner's own time
LATER = (
    "Sounds like a plan! See you {when}: your place is saved, and we'll pick up right where you are.",
    "Deal, {when} it is! Everything is saved; just say “let's start” when you're back. 😊",
)
LATER_BEFORE_STARTING = (   # nothing under way yet: no place to save
    "Sounds like a plan! See you {when}: Day 1 will be right here, just say “let's start”.",
    "Deal, {when} it is! Whenever you're back, say “let's start” and we'll begin with Day 1. 😊",
)

# the learner says the bot missed what they asked: said first, before the next try (varied, never twice the same)
SORRY_MISSED = ("Sorry, I missed what you asked there.", "My mistake: I answered something else.",
                "You're right, that wasn't your question, sorry.")
# thanks with a question to the tutor ("thanks that helps! what's your favourite neural network?"): both answered
WELCOME_AND = "You're welcome! {reply}"
