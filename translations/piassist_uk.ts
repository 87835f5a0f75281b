<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="uk">
<context>
    <name>AdviceView</name>
    <message>
        <source>Advice appears here once a benchmark has run.</source>
        <translation>Поради з’являться тут після першого порівняння.</translation>
    </message>
    <message>
        <source>Use for visitors</source>
        <translation>Дати відвідувачам</translation>
    </message>
    <message>
        <source>Use in chat</source>
        <translation>Узяти в чат</translation>
    </message>
    <message>
        <source>Use %1 (%2)</source>
        <translation>Узяти %1 (%2)</translation>
    </message>
    <message>
        <source>Too slow to talk to (under %1 tokens/s): %2</source>
        <translation>Надто повільні для розмови (менше %1 токенів/с): %2</translation>
    </message>
    <message>
        <source>No model ran on this computer.</source>
        <translation>Жодна модель не запрацювала на цьому комп’ютері.</translation>
    </message>
    <message>
        <source>No model measured here answered even half of the Ukrainian tasks in Ukrainian.</source>
        <translation>Жодна з виміряних тут моделей не відповіла українською навіть на половину українських завдань.</translation>
    </message>
    <message>
        <source>No model measured here wrote code.</source>
        <translation>Жодна з виміряних тут моделей не написала код.</translation>
    </message>
    <message>
        <source>%1: %2 tokens/s</source>
        <translation>%1: %2 токенів/с</translation>
    </message>
    <message numerus="yes">
        <source>%1: answered in Ukrainian to %2 of %n Ukrainian task(s), %3 tokens/s</source>
        <translation>
            <numerusform>%1: українською відповіла на %2 з %n українського завдання, %3 токенів/с</numerusform>
            <numerusform>%1: українською відповіла на %2 з %n українських завдань, %3 токенів/с</numerusform>
            <numerusform>%1: українською відповіла на %2 з %n українських завдань, %3 токенів/с</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%1: wrote code in %n answer(s), %2 tokens/s</source>
        <translation>
            <numerusform>%1: написала код у %n відповіді, %2 токенів/с</numerusform>
            <numerusform>%1: написала код у %n відповідях, %2 токенів/с</numerusform>
            <numerusform>%1: написала код у %n відповідях, %2 токенів/с</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>you marked it better %n time(s)</source>
        <translation>
            <numerusform>ви %n раз позначили її кращою</numerusform>
            <numerusform>ви %n рази позначили її кращою</numerusform>
            <numerusform>ви %n разів позначили її кращою</numerusform>
        </translation>
    </message>
    <message>
        <source>too slow to talk to</source>
        <translation>надто повільна для розмови</translation>
    </message>
</context>
<context>
    <name>AnswerColumn</name>
    <message>
        <source>%1 tokens/s</source>
        <translation>%1 токенів/с</translation>
    </message>
    <message>
        <source>first token after %1 s</source>
        <translation>перший токен за %1 с</translation>
    </message>
    <message>
        <source>written %1</source>
        <translation>написано %1</translation>
    </message>
    <message>
        <source>The answer of %1</source>
        <translation>Відповідь %1</translation>
    </message>
    <message>
        <source>Better answer</source>
        <translation>Краща відповідь</translation>
    </message>
    <message>
        <source>Mark the answer of %1 as the better one</source>
        <translation>Позначити відповідь %1 як кращу</translation>
    </message>
</context>
<context>
    <name>AnswerFeed</name>
    <message>
        <source>The answer is ready: %1</source>
        <translation>Відповідь готова: %1</translation>
    </message>
    <message>
        <source>The answer was stopped.</source>
        <translation>Відповідь зупинено.</translation>
    </message>
    <message>
        <source>The answer could not be finished.</source>
        <translation>Відповідь не вдалося завершити.</translation>
    </message>
</context>
<context>
    <name>AttachmentChip</name>
    <message>
        <source>Remove the attached text</source>
        <translation>Прибрати вкладений текст</translation>
    </message>
    <message>
        <source>Attached text: %1 characters. The model reads about the first %2% of it.</source>
        <translation>Вкладений текст, символів: %1. Модель прочитає приблизно перші %2% з нього.</translation>
    </message>
</context>
<context>
    <name>BenchmarkDialog</name>
    <message>
        <source>Which model suits this Pi?</source>
        <translation>Яка модель пасує цьому Pi?</translation>
    </message>
</context>
<context>
    <name>BenchmarkPage</name>
    <message>
        <source>&amp;Results of:</source>
        <translation>&amp;Результати запуску:</translation>
    </message>
    <message>
        <source>Benchmark run shown</source>
        <translation>Показаний запуск порівняння</translation>
    </message>
    <message>
        <source>&amp;Export…</source>
        <translation>&amp;Експорт…</translation>
    </message>
    <message>
        <source>Export the results shown</source>
        <translation>Експортувати показані результати</translation>
    </message>
    <message>
        <source>As a table for a spreadsheet (CSV)…</source>
        <translation>Як таблицю для електронних таблиць (CSV)…</translation>
    </message>
    <message>
        <source>As a Markdown table…</source>
        <translation>Як таблицю Markdown…</translation>
    </message>
    <message>
        <source>Figures of every answer</source>
        <translation>Показники кожної відповіді</translation>
    </message>
    <message>
        <source>Answer speed of each model</source>
        <translation>Швидкість відповіді кожної моделі</translation>
    </message>
    <message>
        <source>This computer</source>
        <translation>Цей комп’ютер</translation>
    </message>
    <message>
        <source>Published: Raspberry Pi 4</source>
        <translation>Опубліковано: Raspberry Pi 4</translation>
    </message>
    <message>
        <source>Published: Raspberry Pi 5</source>
        <translation>Опубліковано: Raspberry Pi 5</translation>
    </message>
    <message>
        <source>could not run</source>
        <translation>не запрацювала</translation>
    </message>
    <message>
        <source>too slow below</source>
        <translation>лівіше — надто повільно</translation>
    </message>
    <message>
        <source>No results yet.</source>
        <translation>Результатів ще немає.</translation>
    </message>
    <message>
        <source>Measure</source>
        <translation>Вимірювання</translation>
    </message>
    <message>
        <source>Results</source>
        <translation>Результати</translation>
    </message>
    <message>
        <source>Side by side</source>
        <translation>Поруч</translation>
    </message>
    <message>
        <source>Advice</source>
        <translation>Поради</translation>
    </message>
    <message>
        <source>Save the benchmark results</source>
        <translation>Збереження результатів порівняння</translation>
    </message>
    <message>
        <source>CSV files (*.csv)</source>
        <translation>Файли CSV (*.csv)</translation>
    </message>
    <message>
        <source>Markdown files (*.md)</source>
        <translation>Файли Markdown (*.md)</translation>
    </message>
    <message>
        <source>Look in:</source>
        <translation>Шукати в:</translation>
    </message>
    <message>
        <source>Files of type:</source>
        <translation>Тип файлів:</translation>
    </message>
    <message>
        <source>Could not save the file: %1</source>
        <translation>Не вдалося зберегти файл: %1</translation>
    </message>
    <message>
        <source>cancelled</source>
        <translation>скасовано</translation>
    </message>
    <message>
        <source>running</source>
        <translation>триває</translation>
    </message>
    <message>
        <source>Grey bars: answer speeds others published for the same model on a Raspberry Pi (%1). They were measured on another board, with English prompts: a guide, not a promise.</source>
        <translation>Сірі смуги: швидкість відповіді тієї самої моделі на Raspberry Pi, яку опублікували інші (%1). Її виміряли на іншій платі й з англійськими запитами: це орієнтир, а не обіцянка.</translation>
    </message>
</context>
<context>
    <name>BenchmarkTexts</name>
    <message>
        <source>Short question</source>
        <translation>Коротке запитання</translation>
    </message>
    <message>
        <source>Long answer</source>
        <translation>Довга відповідь</translation>
    </message>
    <message>
        <source>Code</source>
        <translation>Код</translation>
    </message>
    <message>
        <source>Summary</source>
        <translation>Переказ</translation>
    </message>
    <message>
        <source>Translation</source>
        <translation>Переклад</translation>
    </message>
    <message>
        <source>in Ukrainian</source>
        <translation>українською</translation>
    </message>
    <message>
        <source>in English</source>
        <translation>англійською</translation>
    </message>
    <message>
        <source>%1 (Ukrainian)</source>
        <translation>%1 (українською)</translation>
    </message>
    <message>
        <source>%1 (English)</source>
        <translation>%1 (англійською)</translation>
    </message>
    <message>
        <source>in Russian</source>
        <translation>російською</translation>
    </message>
    <message>
        <source>in Cyrillic, too short to tell</source>
        <translation>кирилицею, замало тексту, щоб розрізнити</translation>
    </message>
    <message>
        <source>in Latin letters, not English</source>
        <translation>латиницею, але не англійською</translation>
    </message>
    <message>
        <source>in another script</source>
        <translation>іншою писемністю</translation>
    </message>
    <message>
        <source>in mixed scripts</source>
        <translation>сумішшю писемностей</translation>
    </message>
    <message>
        <source>no words</source>
        <translation>без слів</translation>
    </message>
    <message>
        <source>%1 could not load: %2</source>
        <translation>Модель %1 не завантажилася: %2</translation>
    </message>
    <message>
        <source>%1 could not run: %2</source>
        <translation>Модель %1 не запрацювала: %2</translation>
    </message>
    <message>
        <source>could not load: too little memory</source>
        <translation>не завантажилася: замало пам’яті</translation>
    </message>
    <message>
        <source>could not run</source>
        <translation>не запрацювала</translation>
    </message>
    <message>
        <source>For quick answers</source>
        <translation>Для швидких відповідей</translation>
    </message>
    <message>
        <source>For Ukrainian</source>
        <translation>Для української</translation>
    </message>
    <message>
        <source>For code</source>
        <translation>Для коду</translation>
    </message>
    <message>
        <source>A thesis: a Raspberry Pi 5 with 8 GB, measured by hand in a terminal, English prompts</source>
        <translation>Дипломна робота: Raspberry Pi 5 з 8 ГБ, виміряно вручну в терміналі, англійські запити</translation>
    </message>
    <message>
        <source>Other published runs with Ollama on a Raspberry Pi 4 and a Pi 5</source>
        <translation>Інші опубліковані вимірювання з Ollama на Raspberry Pi 4 і Pi 5</translation>
    </message>
    <message>
        <source>Model</source>
        <translation>Модель</translation>
    </message>
    <message>
        <source>Task</source>
        <translation>Завдання</translation>
    </message>
    <message>
        <source>Asked</source>
        <translation>Запитано</translation>
    </message>
    <message>
        <source>Load, s</source>
        <translation>Завантаження, с</translation>
    </message>
    <message>
        <source>First token, s</source>
        <translation>Перший токен, с</translation>
    </message>
    <message>
        <source>Question tokens</source>
        <translation>Токенів у запитанні</translation>
    </message>
    <message>
        <source>From cache</source>
        <translation>З кешу</translation>
    </message>
    <message>
        <source>Question, tokens/s</source>
        <translation>Запитання, токенів/с</translation>
    </message>
    <message>
        <source>Answer tokens</source>
        <translation>Токенів у відповіді</translation>
    </message>
    <message>
        <source>Answer, tokens/s</source>
        <translation>Відповідь, токенів/с</translation>
    </message>
    <message>
        <source>Peak RAM, MB</source>
        <translation>Найбільше ОЗП, МБ</translation>
    </message>
    <message>
        <source>Peak swap, MB</source>
        <translation>Найбільше підкачки, МБ</translation>
    </message>
    <message>
        <source>Model memory, MB</source>
        <translation>Пам’ять моделі, МБ</translation>
    </message>
    <message>
        <source>Start, °C</source>
        <translation>На початку, °C</translation>
    </message>
    <message>
        <source>End, °C</source>
        <translation>Наприкінці, °C</translation>
    </message>
    <message>
        <source>Throttled</source>
        <translation>Сповільнення</translation>
    </message>
    <message>
        <source>Written</source>
        <translation>Написано</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>Примітка</translation>
    </message>
    <message>
        <source>not a Raspberry Pi</source>
        <translation>не Raspberry Pi</translation>
    </message>
    <message>
        <source>yes</source>
        <translation>так</translation>
    </message>
    <message>
        <source>no</source>
        <translation>ні</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>Дата</translation>
    </message>
    <message>
        <source>Board</source>
        <translation>Плата</translation>
    </message>
    <message>
        <source>Ollama version</source>
        <translation>Версія Ollama</translation>
    </message>
    <message>
        <source>PiAssist version</source>
        <translation>Версія PiAssist</translation>
    </message>
    <message>
        <source>Longest answer, tokens</source>
        <translation>Обмеження відповіді, токенів</translation>
    </message>
    <message>
        <source>Seed</source>
        <translation>Зерно випадковості</translation>
    </message>
</context>
<context>
    <name>CatalogTableModel</name>
    <message>
        <source>Model</source>
        <translation>Модель</translation>
    </message>
    <message>
        <source>Good for</source>
        <translation>Для чого</translation>
    </message>
    <message>
        <source>Download</source>
        <translation>Завантаження</translation>
    </message>
    <message>
        <source>Memory</source>
        <translation>Пам’ять</translation>
    </message>
    <message>
        <source>Ukrainian</source>
        <translation>Українська</translation>
    </message>
    <message>
        <source>This computer</source>
        <translation>Цей комп’ютер</translation>
    </message>
    <message>
        <source>Installed</source>
        <translation>Встановлено</translation>
    </message>
    <message>
        <source>%1, %2 parameters</source>
        <translation>%1, %2 параметрів</translation>
    </message>
    <message>
        <source>Measured on this computer by a benchmark</source>
        <translation>Виміряно на цьому комп’ютері під час порівняння</translation>
    </message>
</context>
<context>
    <name>ChatExport</name>
    <message>
        <source>Could not save the file: %1</source>
        <translation>Не вдалося зберегти файл: %1</translation>
    </message>
</context>
<context>
    <name>ChatNotice</name>
    <message>
        <source>Start Ollama</source>
        <translation>Запустити Ollama</translation>
    </message>
    <message>
        <source>Try again</source>
        <translation>Спробувати ще раз</translation>
    </message>
    <message>
        <source>Ask the server again now</source>
        <translation>Звернутися до сервера ще раз зараз</translation>
    </message>
    <message>
        <source>Leave out older messages</source>
        <translation>Пропустити старіші повідомлення</translation>
    </message>
    <message>
        <source>Answer again with only what fits: the newest messages, and as much of a long question as fits. Nothing is deleted.</source>
        <translation>Відповісти ще раз лише на те, що вміщується: найновіші повідомлення і стільки довгого запитання, скільки вміститься. Нічого не видаляється.</translation>
    </message>
    <message>
        <source>New chat</source>
        <translation>Новий чат</translation>
    </message>
    <message>
        <source>Open models</source>
        <translation>Відкрити моделі</translation>
    </message>
    <message>
        <source>Get a model</source>
        <translation>Отримати модель</translation>
    </message>
    <message>
        <source>Download it</source>
        <translation>Завантажити її</translation>
    </message>
    <message>
        <source>No language model is installed yet. Get one that suits this computer to start chatting.</source>
        <translation>Ще не встановлено жодної мовної моделі. Завантажте таку, що підходить цьому комп’ютеру, і почніть розмову.</translation>
    </message>
    <message>
        <source>The model “%1” is not installed on this Ollama server. Choose another one or install it.</source>
        <translation>Модель «%1» не встановлено на цьому сервері Ollama. Виберіть іншу або встановіть її.</translation>
    </message>
    <message>
        <source>“%1” is a base model: it continues a text rather than answering questions, so its answers may read as nonsense. For chatting, get a chat model.</source>
        <translation>«%1» — базова модель: вона продовжує текст, а не відповідає на запитання, тож її відповіді можуть бути безглуздими. Для розмови завантажте модель для чату.</translation>
    </message>
    <message>
        <source>This conversation is longer than the model can read at once, so it did not answer. Nothing is lost: leave out the older messages and ask again, or start a new chat.</source>
        <translation>Ця розмова довша, ніж модель може прочитати за раз, тому вона не відповіла. Нічого не втрачено: пропустіть старіші повідомлення і запитайте ще раз або почніть новий чат.</translation>
    </message>
    <message>
        <source>Ollama stopped while answering. The part that arrived is kept; try again when it runs.</source>
        <translation>Ollama зупинилася посеред відповіді. Отриману частину збережено; спробуйте ще раз, коли вона запрацює.</translation>
    </message>
    <message>
        <source>Ollama is busy with other questions. Wait a moment and try again.</source>
        <translation>Ollama зайнята іншими запитаннями. Зачекайте трохи й спробуйте ще раз.</translation>
    </message>
    <message>
        <source>The answer failed: %1</source>
        <translation>Відповідь не вдалася: %1</translation>
    </message>
    <message>
        <source>This conversation is now longer than the model can read at once, so it no longer sees the oldest messages. Start a new chat for the best answers.</source>
        <translation>Ця розмова вже довша, ніж модель може прочитати за раз, тож найстаріших повідомлень вона більше не бачить. Для найкращих відповідей почніть новий чат.</translation>
    </message>
    <message>
        <source>Ollama is starting.</source>
        <translation>Ollama запускається.</translation>
    </message>
    <message>
        <source>Connecting to the server at %1.</source>
        <translation>З’єднання з сервером %1.</translation>
    </message>
    <message>
        <source>The server at %1 cannot be reached.</source>
        <translation>Сервер %1 недоступний.</translation>
    </message>
    <message>
        <source>Ollama stopped.</source>
        <translation>Ollama зупинилася.</translation>
    </message>
    <message>
        <source>The conversation stays here to read and copy. Questions can be sent once the server is back; PiAssist keeps trying.</source>
        <translation>Розмова лишається тут: її можна читати й копіювати. Запитання можна буде надіслати, щойно сервер повернеться; PiAssist пробує з’єднатися сам.</translation>
    </message>
</context>
<context>
    <name>ChatOptionsForm</name>
    <message>
        <source>&amp;Creativity (temperature):</source>
        <translation>&amp;Творчість (температура):</translation>
    </message>
    <message>
        <source>C&amp;ontext length:</source>
        <translation>&amp;Довжина контексту:</translation>
    </message>
    <message>
        <source>&amp;Keep the model in memory:</source>
        <translation>&amp;Тримати модель у пам’яті:</translation>
    </message>
    <message>
        <source>Lower gives steadier, more predictable answers; higher gives more varied ones.</source>
        <translation>Менше — рівніші, передбачуваніші відповіді; більше — різноманітніші.</translation>
    </message>
    <message>
        <source>How much of the conversation the model can see at once. Longer needs more memory and makes the model slower to start.</source>
        <translation>Скільки розмови модель бачить водночас. Довший контекст потребує більше пам’яті, і модель довше починає відповідати.</translation>
    </message>
    <message>
        <source>After an answer, Ollama keeps the model loaded this long, so the next answer starts sooner.</source>
        <translation>Стільки часу після відповіді Ollama тримає модель завантаженою, щоб наступна відповідь почалася швидше.</translation>
    </message>
    <message>
        <source>The model stops after this many tokens.</source>
        <translation>Модель зупиняється після стількох токенів.</translation>
    </message>
    <message>
        <source>No limit</source>
        <translation>Без обмежень</translation>
    </message>
    <message>
        <source>&amp;Longest answer, in tokens:</source>
        <translation>&amp;Найдовша відповідь, у токенах:</translation>
    </message>
    <message>
        <source>Use the model&apos;s defaults</source>
        <translation>Повернути значення моделі</translation>
    </message>
    <message>
        <source>Send none of these: the model answers with the values its author set.</source>
        <translation>Не надсилати жодного з цих параметрів: модель відповідає зі значеннями, які задав її автор.</translation>
    </message>
    <message>
        <source>Creativity (temperature)</source>
        <translation>Творчість (температура)</translation>
    </message>
    <message>
        <source>Context length</source>
        <translation>Довжина контексту</translation>
    </message>
    <message>
        <source>Keep the model in memory</source>
        <translation>Тримати модель у пам’яті</translation>
    </message>
    <message>
        <source>Longest answer</source>
        <translation>Найдовша відповідь</translation>
    </message>
    <message>
        <source>Values you do not change are %1&apos;s own.</source>
        <translation>Значення, яких ви не змінюєте, — власні значення моделі %1.</translation>
    </message>
    <message>
        <source>Values you do not change are the model&apos;s own.</source>
        <translation>Значення, яких ви не змінюєте, — власні значення моделі.</translation>
    </message>
    <message>
        <source>the model&apos;s default</source>
        <translation>як у моделі</translation>
    </message>
    <message>
        <source>the model&apos;s: %1</source>
        <translation>у моделі: %1</translation>
    </message>
    <message numerus="yes">
        <source>%n token(s)</source>
        <translation>
            <numerusform>%n токен</numerusform>
            <numerusform>%n токени</numerusform>
            <numerusform>%n токенів</numerusform>
        </translation>
    </message>
    <message>
        <source>As Ollama is set</source>
        <translation>Як налаштовано в Ollama</translation>
    </message>
    <message>
        <source>Unload right after the answer</source>
        <translation>Вивантажувати одразу після відповіді</translation>
    </message>
    <message>
        <source>As long as Ollama runs</source>
        <translation>Поки працює Ollama</translation>
    </message>
    <message numerus="yes">
        <source>%n hour(s)</source>
        <translation>
            <numerusform>%n година</numerusform>
            <numerusform>%n години</numerusform>
            <numerusform>%n годин</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n minute(s)</source>
        <translation>
            <numerusform>%n хвилина</numerusform>
            <numerusform>%n хвилини</numerusform>
            <numerusform>%n хвилин</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ChatPage</name>
    <message>
        <source>&amp;Model:</source>
        <translation>Модел&amp;ь:</translation>
    </message>
    <message>
        <source>Model for this chat</source>
        <translation>Модель для цього чату</translation>
    </message>
    <message>
        <source>The model that writes the answers in this chat</source>
        <translation>Модель, яка пише відповіді в цьому чаті</translation>
    </message>
    <message>
        <source>Answer again</source>
        <translation>Відповісти ще раз</translation>
    </message>
    <message>
        <source>Write a new answer to the last question</source>
        <translation>Написати нову відповідь на останнє запитання</translation>
    </message>
    <message>
        <source>Edit question</source>
        <translation>Змінити запитання</translation>
    </message>
    <message>
        <source>Change the last question and ask it again</source>
        <translation>Змінити останнє запитання й поставити його знову</translation>
    </message>
    <message>
        <source>Settings for this chat</source>
        <translation>Налаштування цього чату</translation>
    </message>
    <message>
        <source>Instructions, creativity and memory for this conversation only</source>
        <translation>Інструкції, творчість і пам’ять лише для цієї розмови</translation>
    </message>
    <message>
        <source>Answer speed and this computer&apos;s figures</source>
        <translation>Швидкість відповіді та показники цього комп’ютера</translation>
    </message>
    <message>
        <source>Send the question</source>
        <translation>Надіслати питання</translation>
    </message>
    <message>
        <source>New line in the question</source>
        <translation>Новий рядок у питанні</translation>
    </message>
    <message>
        <source>Stop editing the last question</source>
        <translation>Скасувати зміну останнього питання</translation>
    </message>
    <message>
        <source>Choose the model</source>
        <translation>Вибрати модель</translation>
    </message>
    <message>
        <source>Rename the chosen conversation</source>
        <translation>Перейменувати вибрану розмову</translation>
    </message>
    <message>
        <source>The server does not answer now: questions can be sent once it is back.</source>
        <translation>Сервер зараз не відповідає: запитання можна буде надіслати, щойно він повернеться.</translation>
    </message>
    <message>
        <source>Stop</source>
        <translation>Зупинити</translation>
    </message>
    <message>
        <source>Send</source>
        <translation>Надіслати</translation>
    </message>
    <message>
        <source>Stop the answer (Esc)</source>
        <translation>Зупинити відповідь (Esc)</translation>
    </message>
    <message>
        <source>Send (Enter)</source>
        <translation>Надіслати (Enter)</translation>
    </message>
</context>
<context>
    <name>ChatPauseNotice</name>
    <message>
        <source>A benchmark is measuring the models, so the chat waits until it ends. What you write stays here.</source>
        <translation>Зараз триває порівняння моделей, тож чат чекає, доки воно скінчиться. Написане вами залишиться тут.</translation>
    </message>
</context>
<context>
    <name>Composer</name>
    <message>
        <source>Ask something… (Enter sends, Shift+Enter for a new line)</source>
        <translation>Запитайте щось… (Enter — надіслати, Shift+Enter — новий рядок)</translation>
    </message>
    <message>
        <source>Your question</source>
        <translation>Ваше запитання</translation>
    </message>
    <message>
        <source>Enter sends, Shift+Enter starts a new line, Esc stops the answer being written</source>
        <translation>Enter — надіслати, Shift+Enter — новий рядок, Esc — зупинити відповідь, яка пишеться</translation>
    </message>
</context>
<context>
    <name>ConnectionPage</name>
    <message>
        <source>Copy</source>
        <translation>Копіювати</translation>
    </message>
    <message>
        <source>Copy the install command</source>
        <translation>Скопіювати команду встановлення</translation>
    </message>
    <message>
        <source>Install command</source>
        <translation>Команда встановлення</translation>
    </message>
    <message>
        <source>Start Ollama</source>
        <translation>Запустити Ollama</translation>
    </message>
    <message>
        <source>Try again now</source>
        <translation>Спробувати зараз</translation>
    </message>
    <message>
        <source>Change server address…</source>
        <translation>Змінити адресу сервера…</translation>
    </message>
    <message>
        <source>Technical details</source>
        <translation>Технічні подробиці</translation>
    </message>
    <message>
        <source>How to install Ollama…</source>
        <translation>Як встановити Ollama…</translation>
    </message>
    <message>
        <source>Step by step, with where to find the Terminal; also what to do with too little memory</source>
        <translation>Крок за кроком, і де знайти Термінал; а також що робити, коли замало пам’яті</translation>
    </message>
    <message>
        <source>Trying again…</source>
        <translation>Пробуємо ще раз…</translation>
    </message>
    <message numerus="yes">
        <source>Trying again automatically in %n second(s).</source>
        <translation>
            <numerusform>Нова спроба автоматично через %n секунду.</numerusform>
            <numerusform>Нова спроба автоматично через %n секунди.</numerusform>
            <numerusform>Нова спроба автоматично через %n секунд.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ConnectionTexts</name>
    <message>
        <source>The server did not accept the token</source>
        <translation>Сервер не прийняв токен</translation>
    </message>
    <message>
        <source>Connecting to Ollama…</source>
        <translation>Підключення до Ollama…</translation>
    </message>
    <message>
        <source>Connected</source>
        <translation>Підключено</translation>
    </message>
    <message>
        <source>Starting Ollama…</source>
        <translation>Запуск Ollama…</translation>
    </message>
    <message>
        <source>Ollama is not running</source>
        <translation>Ollama не запущено</translation>
    </message>
    <message>
        <source>Ollama is not installed</source>
        <translation>Ollama не встановлено</translation>
    </message>
    <message>
        <source>Ollama stopped</source>
        <translation>Ollama зупинилася</translation>
    </message>
    <message>
        <source>The server refused the connection</source>
        <translation>Сервер відхилив з’єднання</translation>
    </message>
    <message>
        <source>The server cannot be reached</source>
        <translation>Сервер недоступний</translation>
    </message>
    <message>
        <source>The server does not answer</source>
        <translation>Сервер не відповідає</translation>
    </message>
    <message>
        <source>This is not an Ollama server</source>
        <translation>Це не сервер Ollama</translation>
    </message>
    <message>
        <source>The server address is not valid</source>
        <translation>Неправильна адреса сервера</translation>
    </message>
    <message>
        <source>The server asks for a token</source>
        <translation>Сервер вимагає токен доступу</translation>
    </message>
    <message>
        <source>The token saved for %1 was refused: it may have expired or been mistyped. Ask whoever runs that server for a new one and enter it with “Change server address…”.</source>
        <translation>Збережений для %1 токен відхилено: можливо, строк його дії минув або його введено з помилкою. Попросіть новий у того, хто керує сервером, і введіть його через «Змінити адресу сервера…».</translation>
    </message>
    <message>
        <source>%1 only lets in requests that carry an access token. Ask whoever runs that server for the token and enter it with “Change server address…”.</source>
        <translation>%1 приймає лише запити з токеном доступу. Попросіть токен у того, хто керує сервером, і введіть його через «Змінити адресу сервера…».</translation>
    </message>
    <message>
        <source>Looking for the Ollama server at %1.</source>
        <translation>Шукаємо сервер Ollama за адресою %1.</translation>
    </message>
    <message>
        <source>Ollama %2 is answering at %1.</source>
        <translation>Ollama %2 відповідає за адресою %1.</translation>
    </message>
    <message>
        <source>Ollama is starting on this computer. This can take a few seconds.</source>
        <translation>Ollama запускається на цьому комп’ютері. Це може тривати кілька секунд.</translation>
    </message>
    <message>
        <source>Ollama is installed on this computer but is not running. PiAssist needs it to run the language models. Start it with the button below.</source>
        <translation>Ollama встановлено на цьому комп’ютері, але її не запущено. PiAssist потрібна Ollama, щоб працювати з мовними моделями. Запустіть її кнопкою нижче.</translation>
    </message>
    <message>
        <source>PiAssist uses Ollama, a free program that runs language models on this computer. It is not installed yet. Installing it takes one command and a few minutes; “How to install Ollama” shows step by step where to type it. PiAssist connects by itself when Ollama is ready.</source>
        <translation>PiAssist використовує Ollama — безкоштовну програму, яка запускає мовні моделі на цьому комп’ютері. Її ще не встановлено. Встановлення — це одна команда і кілька хвилин; «Як встановити Ollama» крок за кроком показує, куди її ввести. PiAssist з’єднається сам, щойно Ollama буде готова.</translation>
    </message>
    <message>
        <source>Ollama was answering at %1 a moment ago and has stopped. PiAssist connects again by itself as soon as it runs.</source>
        <translation>Ollama щойно відповідала за адресою %1, а тепер зупинилася. PiAssist з’єднається знову сам, щойно вона запрацює.</translation>
    </message>
    <message>
        <source>Nothing answers at %1. Check that Ollama runs on that computer and that the address is right.</source>
        <translation>За адресою %1 ніхто не відповідає. Перевірте, чи працює Ollama на тому комп’ютері і чи правильна адреса.</translation>
    </message>
    <message>
        <source>%1 cannot be reached. Check the address and the network connection.</source>
        <translation>Не вдається зв’язатися з %1. Перевірте адресу та підключення до мережі.</translation>
    </message>
    <message>
        <source>%1 accepted the connection but did not answer in time. It may be overloaded.</source>
        <translation>%1 прийняв з’єднання, але не відповів вчасно. Можливо, він перевантажений.</translation>
    </message>
    <message>
        <source>Something answers at %1, but it does not behave like Ollama. Check the address.</source>
        <translation>За адресою %1 щось відповідає, але це не схоже на Ollama. Перевірте адресу.</translation>
    </message>
    <message>
        <source>“%1” is not a server address. Use a form like 127.0.0.1:11434 or http://raspberrypi.local:11434.</source>
        <translation>«%1» — не адреса сервера. Напишіть її так: 127.0.0.1:11434 або http://raspberrypi.local:11434.</translation>
    </message>
    <message>
        <source>Ollama %1 · %2</source>
        <translation>Ollama %1 · %2</translation>
    </message>
</context>
<context>
    <name>ConversationList</name>
    <message>
        <source>New chat</source>
        <translation>Новий чат</translation>
    </message>
    <message>
        <source>Start a new conversation (Ctrl+N)</source>
        <translation>Почати нову розмову (Ctrl+N)</translation>
    </message>
    <message>
        <source>Search chats</source>
        <translation>Пошук у чатах</translation>
    </message>
    <message>
        <source>Conversations</source>
        <translation>Розмови</translation>
    </message>
    <message>
        <source>Enter opens a conversation, F2 renames it, Delete deletes it</source>
        <translation>Enter — відкрити розмову, F2 — перейменувати, Delete — видалити</translation>
    </message>
    <message>
        <source>Delete the chosen conversation</source>
        <translation>Видалити вибрану розмову</translation>
    </message>
    <message>
        <source>Rename</source>
        <translation>Перейменувати</translation>
    </message>
    <message>
        <source>Export as Markdown…</source>
        <translation>Експортувати як Markdown…</translation>
    </message>
    <message>
        <source>Export as JSON…</source>
        <translation>Експортувати як JSON…</translation>
    </message>
    <message>
        <source>Delete…</source>
        <translation>Видалити…</translation>
    </message>
    <message>
        <source>Delete conversation</source>
        <translation>Видалення розмови</translation>
    </message>
    <message>
        <source>Delete “%1” and all its messages? This cannot be undone.</source>
        <translation>Видалити «%1» і всі її повідомлення? Цю дію не можна скасувати.</translation>
    </message>
</context>
<context>
    <name>ConversationSettingsDialog</name>
    <message>
        <source>Settings for this chat</source>
        <translation>Налаштування цього чату</translation>
    </message>
    <message>
        <source>These apply to this conversation only, from its next answer on.</source>
        <translation>Діють лише для цієї розмови, починаючи з наступної відповіді.</translation>
    </message>
    <message>
        <source>Instructions for the model</source>
        <translation>Вказівки для моделі</translation>
    </message>
</context>
<context>
    <name>ErrorTexts</name>
    <message>
        <source>the server address is not valid.</source>
        <translation>неправильна адреса сервера.</translation>
    </message>
    <message>
        <source>the server is not running.</source>
        <translation>сервер не запущено.</translation>
    </message>
    <message>
        <source>the server cannot be reached.</source>
        <translation>сервер недоступний.</translation>
    </message>
    <message>
        <source>the server did not answer in time.</source>
        <translation>сервер не відповів вчасно.</translation>
    </message>
    <message>
        <source>the server sent an answer PiAssist does not understand.</source>
        <translation>сервер надіслав відповідь, якої PiAssist не розуміє.</translation>
    </message>
    <message>
        <source>the server does not know this request.</source>
        <translation>сервер не знає такого запиту.</translation>
    </message>
    <message>
        <source>this model is not installed on the server.</source>
        <translation>цю модель не встановлено на сервері.</translation>
    </message>
    <message>
        <source>the server is busy with other requests; try again in a moment.</source>
        <translation>сервер зайнятий іншими запитами; спробуйте ще раз за мить.</translation>
    </message>
    <message>
        <source>the connection to the server broke off in the middle of an answer.</source>
        <translation>з’єднання із сервером обірвалося посеред відповіді.</translation>
    </message>
    <message>
        <source>the server reported an error.</source>
        <translation>сервер повідомив про помилку.</translation>
    </message>
    <message>
        <source>the server asks for an access token, or refused the one saved for it.</source>
        <translation>сервер вимагає токен доступу або відхилив збережений.</translation>
    </message>
    <message>
        <source>the conversation is longer than the model can read at once.</source>
        <translation>розмова довша, ніж модель може прочитати за раз.</translation>
    </message>
    <message>
        <source>this is not a name of a model that can be downloaded.</source>
        <translation>це не назва моделі, яку можна завантажити.</translation>
    </message>
    <message>
        <source>the model library has no model by that name.</source>
        <translation>у бібліотеці моделей немає моделі з такою назвою.</translation>
    </message>
    <message>
        <source>the model library cannot be reached (is the internet down?); what was downloaded is kept.</source>
        <translation>бібліотека моделей недоступна (може, немає інтернету?); завантажене збережено.</translation>
    </message>
    <message>
        <source>the disk is full; what was downloaded is kept. Delete a model or other files to make room.</source>
        <translation>диск заповнений; завантажене збережено. Видаліть модель або інші файли, щоб звільнити місце.</translation>
    </message>
    <message>
        <source>Choose a smaller model, add swap, or run Ollama on a computer with more memory.</source>
        <translation>Виберіть меншу модель, додайте файл підкачки або запустіть Ollama на комп’ютері з більшою пам’яттю.</translation>
    </message>
    <message>
        <source>the model needs about %1 of memory; the computer Ollama runs on has %2 for it.</source>
        <translation>моделі потрібно близько %1 пам’яті; комп’ютер, на якому працює Ollama, має для неї %2.</translation>
    </message>
    <message>
        <source>the model needs more memory than the computer Ollama runs on has for it.</source>
        <translation>моделі потрібно більше пам’яті, ніж має для неї комп’ютер, на якому працює Ollama.</translation>
    </message>
</context>
<context>
    <name>ExportDialog</name>
    <message>
        <source>Export conversation</source>
        <translation>Експорт розмови</translation>
    </message>
    <message>
        <source>JSON files (*.json)</source>
        <translation>Файли JSON (*.json)</translation>
    </message>
    <message>
        <source>Markdown files (*.md)</source>
        <translation>Файли Markdown (*.md)</translation>
    </message>
    <message>
        <source>Look in:</source>
        <translation>Шукати в:</translation>
    </message>
    <message>
        <source>Files of type:</source>
        <translation>Тип файлів:</translation>
    </message>
</context>
<context>
    <name>FitTexts</name>
    <message>
        <source>Fits</source>
        <translation>Підходить</translation>
    </message>
    <message>
        <source>Tight</source>
        <translation>Впритул</translation>
    </message>
    <message>
        <source>Too big</source>
        <translation>Завелика</translation>
    </message>
    <message>
        <source>Unknown</source>
        <translation>Невідомо</translation>
    </message>
    <message>
        <source>The download (%1) is larger than the free space on the disk (%2).</source>
        <translation>Завантаження (%1) більше за вільне місце на диску (%2).</translation>
    </message>
    <message>
        <source>Needs about %1 of memory; this computer has %2 with swap. It will not run here.</source>
        <translation>Потрібно близько %1 пам’яті; на цьому комп’ютері %2 разом із файлом підкачки. Тут вона не запрацює.</translation>
    </message>
    <message>
        <source>Needs about %1 of memory; this computer has %2. It will run partly from swap, very slowly.</source>
        <translation>Потрібно близько %1 пам’яті; на цьому комп’ютері %2. Вона працюватиме частково з файлу підкачки, дуже повільно.</translation>
    </message>
    <message>
        <source>Needs about %1 of memory; %2 is free now. Close other programs, or it will be slow.</source>
        <translation>Потрібно близько %1 пам’яті; зараз вільно %2. Закрийте інші програми, інакше вона працюватиме повільно.</translation>
    </message>
    <message>
        <source>Fits in memory, but the download (%1) would leave only %2 free on the disk.</source>
        <translation>Вміщується в пам’ять, але після завантаження (%1) на диску залишиться лише %2.</translation>
    </message>
    <message>
        <source>Fits: needs about %1 of memory, and %2 is free now.</source>
        <translation>Підходить: потрібно близько %1 пам’яті, а зараз вільно %2.</translation>
    </message>
    <message>
        <source>Ollama runs on another computer, so PiAssist cannot check its memory. Download: %1.</source>
        <translation>Ollama працює на іншому комп’ютері, тож PiAssist не може перевірити його пам’ять. Завантаження: %1.</translation>
    </message>
    <message>
        <source>tiny and quick, for trying things out</source>
        <translation>крихітна й швидка, щоб спробувати</translation>
    </message>
    <message>
        <source>everyday questions</source>
        <translation>повсякденні запитання</translation>
    </message>
    <message>
        <source>thinks step by step</source>
        <translation>міркує крок за кроком</translation>
    </message>
    <message>
        <source>programming</source>
        <translation>програмування</translation>
    </message>
    <message>
        <source>describes pictures</source>
        <translation>описує зображення</translation>
    </message>
    <message>
        <source>many languages</source>
        <translation>багато мов</translation>
    </message>
    <message>
        <source>, </source>
        <translation>, </translation>
    </message>
    <message>
        <source>Good</source>
        <translation>Добре</translation>
    </message>
    <message>
        <source>Weak</source>
        <translation>Слабко</translation>
    </message>
    <message>
        <source>No</source>
        <translation>Ні</translation>
    </message>
    <message>
        <source>Did not load here</source>
        <translation>Тут не завантажилася</translation>
    </message>
    <message>
        <source>%1 tokens/s here</source>
        <translation>%1 токенів/с тут</translation>
    </message>
    <message>
        <source>A benchmark on this computer could not load it: %1</source>
        <translation>Порівняння на цьому комп’ютері не змогло її завантажити: %1</translation>
    </message>
    <message>
        <source>Measured on this computer: %1 tokens/s, too slow to talk to.</source>
        <translation>Виміряно на цьому комп’ютері: %1 токенів/с, надто повільно для розмови.</translation>
    </message>
    <message>
        <source>Measured on this computer: %1 tokens/s.</source>
        <translation>Виміряно на цьому комп’ютері: %1 токенів/с.</translation>
    </message>
</context>
<context>
    <name>Formatting</name>
    <message>
        <source>just now</source>
        <translation>щойно</translation>
    </message>
    <message numerus="yes">
        <source>%n minute(s) ago</source>
        <translation>
            <numerusform>%n хвилину тому</numerusform>
            <numerusform>%n хвилини тому</numerusform>
            <numerusform>%n хвилин тому</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n hour(s) ago</source>
        <translation>
            <numerusform>%n годину тому</numerusform>
            <numerusform>%n години тому</numerusform>
            <numerusform>%n годин тому</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n day(s) ago</source>
        <translation>
            <numerusform>%n день тому</numerusform>
            <numerusform>%n дні тому</numerusform>
            <numerusform>%n днів тому</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n month(s) ago</source>
        <translation>
            <numerusform>%n місяць тому</numerusform>
            <numerusform>%n місяці тому</numerusform>
            <numerusform>%n місяців тому</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n year(s) ago</source>
        <translation>
            <numerusform>%n рік тому</numerusform>
            <numerusform>%n роки тому</numerusform>
            <numerusform>%n років тому</numerusform>
        </translation>
    </message>
    <message>
        <source>%1M</source>
        <comment>millions of parameters</comment>
        <translation>%1 млн</translation>
    </message>
    <message>
        <source>%1B</source>
        <comment>billions of parameters</comment>
        <translation>%1 млрд</translation>
    </message>
</context>
<context>
    <name>GaugeBar</name>
    <message>
        <source>Writing speed over the last minute</source>
        <translation>Швидкість письма за останню хвилину</translation>
    </message>
    <message>
        <source>Memory use over the last minute</source>
        <translation>Використання пам’яті за останню хвилину</translation>
    </message>
    <message>
        <source>The Raspberry Pi is slowing itself down</source>
        <translation>Raspberry Pi сам себе сповільнює</translation>
    </message>
    <message>
        <source>%1 tokens/s</source>
        <translation>%1 токенів/с</translation>
    </message>
    <message numerus="yes">
        <source>Reading… %n s</source>
        <translation>
            <numerusform>Читаю… %n с</numerusform>
            <numerusform>Читаю… %n с</numerusform>
            <numerusform>Читаю… %n с</numerusform>
        </translation>
    </message>
    <message>
        <source>Writing: %1 tokens/s</source>
        <translation>Письмо: %1 токенів/с</translation>
    </message>
    <message>
        <source>Reading the question: %1 tokens/s</source>
        <translation>Читання запитання: %1 токенів/с</translation>
    </message>
    <message>
        <source>Loading the model: %1 s</source>
        <translation>Завантаження моделі: %1 с</translation>
    </message>
    <message numerus="yes">
        <source>%n token(s) written</source>
        <translation>
            <numerusform>Написано %n токен</numerusform>
            <numerusform>Написано %n токени</numerusform>
            <numerusform>Написано %n токенів</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n question token(s) read</source>
        <translation>
            <numerusform>Прочитано %n токен запитання</numerusform>
            <numerusform>Прочитано %n токени запитання</numerusform>
            <numerusform>Прочитано %n токенів запитання</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n question token(s) from cache</source>
        <translation>
            <numerusform>%n токен запитання з кешу</numerusform>
            <numerusform>%n токени запитання з кешу</numerusform>
            <numerusform>%n токенів запитання з кешу</numerusform>
        </translation>
    </message>
    <message>
        <source>Total time: %1 s</source>
        <translation>Загальний час: %1 с</translation>
    </message>
    <message>
        <source>The model reads your question before it writes the first word; if it is not in memory yet, it loads first.</source>
        <translation>Модель читає ваше запитання, перш ніж написати перше слово; якщо її ще немає в пам’яті, спершу вона завантажується.</translation>
    </message>
    <message>
        <source>Writing…</source>
        <translation>Пише…</translation>
    </message>
    <message numerus="yes">
        <source>Writing speed over the last %n second(s)</source>
        <translation>
            <numerusform>Швидкість письма за останню %n секунду</numerusform>
            <numerusform>Швидкість письма за останні %n секунди</numerusform>
            <numerusform>Швидкість письма за останні %n секунд</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n token(s) so far</source>
        <translation>
            <numerusform>Поки що %n токен</numerusform>
            <numerusform>Поки що %n токени</numerusform>
            <numerusform>Поки що %n токенів</numerusform>
        </translation>
    </message>
    <message>
        <source>Measured here: the server sent no figures for this answer</source>
        <translation>Виміряно тут: сервер не надіслав показників для цієї відповіді</translation>
    </message>
    <message>
        <source>RAM %1 / %2</source>
        <translation>ОЗП %1 / %2</translation>
    </message>
    <message>
        <source>Memory used by all programs: %1 of %2</source>
        <translation>Пам’ять, яку використовують усі програми: %1 з %2</translation>
    </message>
    <message>
        <source>swap %1 / %2</source>
        <translation>підкачка %1 / %2</translation>
    </message>
    <message>
        <source>Swap in use: disk space standing in for memory. A model that does not fit in memory spills into swap and then writes very slowly.</source>
        <translation>Використано файл підкачки: місце на диску замість пам’яті. Модель, що не вміщується в пам’ять, переходить у підкачку й тоді пише дуже повільно.</translation>
    </message>
    <message>
        <source>%1 °C</source>
        <translation>%1 °C</translation>
    </message>
    <message>
        <source>Processor temperature. A Raspberry Pi slows itself down from about 80 °C.</source>
        <translation>Температура процесора. Raspberry Pi сповільнюється приблизно від 80 °C.</translation>
    </message>
    <message>
        <source>Under-voltage now: the power supply gives too little</source>
        <translation>Зараз низька напруга: блок живлення дає замало</translation>
    </message>
    <message>
        <source>Processor speed capped now</source>
        <translation>Частоту процесора зараз обмежено</translation>
    </message>
    <message>
        <source>Processor throttled now</source>
        <translation>Процесор зараз сповільнено</translation>
    </message>
    <message>
        <source>Soft temperature limit reached now</source>
        <translation>Зараз досягнуто м’якої межі температури</translation>
    </message>
    <message>
        <source>Under-voltage has occurred since start-up</source>
        <translation>Від запуску траплялася низька напруга</translation>
    </message>
    <message>
        <source>Speed capping has occurred since start-up</source>
        <translation>Від запуску траплялося обмеження частоти</translation>
    </message>
    <message>
        <source>Throttling has occurred since start-up</source>
        <translation>Від запуску траплялося сповільнення</translation>
    </message>
    <message>
        <source>Soft temperature limit has occurred since start-up</source>
        <translation>Від запуску траплялося досягнення м’якої межі температури</translation>
    </message>
    <message>
        <source>No throttling since start-up</source>
        <translation>Від запуску сповільнень не було</translation>
    </message>
    <message>
        <source>model %1</source>
        <translation>модель %1</translation>
    </message>
    <message>
        <source>Memory the loaded model takes, as Ollama reports it</source>
        <translation>Пам’ять, яку займає завантажена модель, за даними Ollama</translation>
    </message>
</context>
<context>
    <name>GetModelsPage</name>
    <message>
        <source>Model &amp;name:</source>
        <translation>&amp;Назва моделі:</translation>
    </message>
    <message>
        <source>e.g. qwen2.5:0.5b</source>
        <translation>напр., qwen2.5:0.5b</translation>
    </message>
    <message>
        <source>Name of a model to download</source>
        <translation>Назва моделі для завантаження</translation>
    </message>
    <message>
        <source>Download</source>
        <translation>Завантажити</translation>
    </message>
    <message>
        <source>Check the name and the size, then download</source>
        <translation>Перевірити назву й розмір, потім завантажити</translation>
    </message>
    <message>
        <source>Only models that fit this computer</source>
        <translation>Лише моделі, що підходять цьому комп’ютеру</translation>
    </message>
    <message>
        <source>Models worth trying on a Raspberry Pi</source>
        <translation>Моделі, які варто спробувати на Raspberry Pi</translation>
    </message>
    <message>
        <source>Downloads</source>
        <translation>Завантаження</translation>
    </message>
    <message>
        <source>Choose a model in the list, or type the name of any model from ollama.com.</source>
        <translation>Виберіть модель у списку або введіть назву будь-якої моделі з ollama.com.</translation>
    </message>
    <message>
        <source>Asking the model library about %1…</source>
        <translation>Запитую бібліотеку моделей про %1…</translation>
    </message>
    <message>
        <source>%1 cannot be downloaded: %2</source>
        <translation>%1 не вдається завантажити: %2</translation>
    </message>
    <message>
        <source>Too big for this computer</source>
        <translation>Завелика для цього комп’ютера</translation>
    </message>
    <message>
        <source>%1 will probably not run here.</source>
        <translation>%1, найімовірніше, тут не запрацює.</translation>
    </message>
    <message>
        <source>Download anyway</source>
        <translation>Все одно завантажити</translation>
    </message>
    <message>
        <source>Type the name of a model, e.g. qwen2.5:0.5b.</source>
        <translation>Введіть назву моделі, напр., qwen2.5:0.5b.</translation>
    </message>
    <message>
        <source>A model name has no spaces, e.g. qwen2.5:0.5b.</source>
        <translation>У назві моделі немає пробілів, напр., qwen2.5:0.5b.</translation>
    </message>
    <message>
        <source>This name is too long for a model name.</source>
        <translation>Ця назва задовга для назви моделі.</translation>
    </message>
    <message>
        <source>With a server in front, a name needs three parts: server/namespace/model.</source>
        <translation>Якщо спереду сервер, назва має три частини: сервер/простір/модель.</translation>
    </message>
    <message>
        <source>This is not a model name. Names look like qwen2.5:0.5b or namespace/model:tag.</source>
        <translation>Це не назва моделі. Назви мають вигляд qwen2.5:0.5b або простір/модель:мітка.</translation>
    </message>
    <message>
        <source>%1 is installed. Choose it in the chat&apos;s model list.</source>
        <translation>%1 встановлено. Виберіть її у списку моделей чату.</translation>
    </message>
</context>
<context>
    <name>HelpDialog</name>
    <message>
        <source>Help</source>
        <translation>Довідка</translation>
    </message>
    <message>
        <source>Copy</source>
        <translation>Копіювати</translation>
    </message>
    <message>
        <source>Copy the command, to paste it in the Terminal</source>
        <translation>Скопіювати команду, щоб вставити її в Термінал</translation>
    </message>
    <message>
        <source>Command</source>
        <translation>Команда</translation>
    </message>
    <message>
        <source>This help page is missing from the installation.</source>
        <translation>Цієї сторінки довідки немає у встановленій програмі.</translation>
    </message>
</context>
<context>
    <name>HostDialog</name>
    <message>
        <source>Ollama server</source>
        <translation>Сервер Ollama</translation>
    </message>
    <message>
        <source>Address of the Ollama server. Leave it empty for this computer (%1).</source>
        <translation>Адреса сервера Ollama. Залиште поле порожнім, щоб використовувати цей комп’ютер (%1).</translation>
    </message>
    <message>
        <source>Server address</source>
        <translation>Адреса сервера</translation>
    </message>
    <message>
        <source>Servers used before are in the list; type to add another.</source>
        <translation>Сервери, якими ви вже користувалися, є у списку; щоб додати інший, введіть його адресу.</translation>
    </message>
    <message>
        <source>Remove from list</source>
        <translation>Прибрати зі списку</translation>
    </message>
    <message>
        <source>Forget this address and the token saved for it</source>
        <translation>Забути цю адресу та збережений для неї токен</translation>
    </message>
    <message>
        <source>&amp;Access token (only for a server behind a gateway that asks for one):</source>
        <translation>&amp;Токен доступу (лише для сервера за шлюзом, який його вимагає):</translation>
    </message>
    <message>
        <source>Access token</source>
        <translation>Токен доступу</translation>
    </message>
    <message>
        <source>Forget the saved token</source>
        <translation>Забути збережений токен</translation>
    </message>
    <message>
        <source>This is not a server address.</source>
        <translation>Це не адреса сервера.</translation>
    </message>
    <message>
        <source>Tokens are kept in the system&apos;s keyring, never in the settings file.</source>
        <translation>Токени зберігаються у системному сховищі паролів, ніколи — у файлі налаштувань.</translation>
    </message>
    <message>
        <source>None</source>
        <translation>Немає</translation>
    </message>
    <message>
        <source>Saved: type to replace</source>
        <translation>Збережено: введіть, щоб замінити</translation>
    </message>
    <message>
        <source>This computer has no keyring service, so tokens are kept in a file only you can read: %1</source>
        <translation>На цьому комп’ютері немає сховища паролів, тому токени зберігаються у файлі, який можете прочитати лише ви: %1</translation>
    </message>
    <message>
        <source>Saving the token…</source>
        <translation>Збереження токена…</translation>
    </message>
    <message>
        <source>The keyring did not take the token, so nothing was changed. Details: %1</source>
        <translation>Сховище паролів не прийняло токен, тож нічого не змінено. Подробиці: %1</translation>
    </message>
</context>
<context>
    <name>KioskAdminDialog</name>
    <message>
        <source>Kiosk settings</source>
        <translation>Налаштування кіоску</translation>
    </message>
    <message>
        <source>&amp;Kiosk</source>
        <translation>&amp;Кіоск</translation>
    </message>
    <message>
        <source>&amp;Welcome and tasks</source>
        <translation>Вітання і &amp;завдання</translation>
    </message>
    <message>
        <source>Welcome &amp;text in %1 (empty: PiAssist&apos;s own):</source>
        <translation>&amp;Текст вітання (%1; порожній — текст PiAssist):</translation>
    </message>
    <message>
        <source>Welcome text</source>
        <translation>Текст вітання</translation>
    </message>
    <message>
        <source>Tasks visitors can start from, in %1 (a library: ask about our opening hours):</source>
        <translation>Завдання, з яких відвідувачі можуть почати (%1; у бібліотеці: «спитайте про години роботи»):</translation>
    </message>
    <message>
        <source>Model for visitors:</source>
        <translation>Модель для відвідувачів:</translation>
    </message>
    <message>
        <source>Visitors choose</source>
        <translation>Обирають відвідувачі</translation>
    </message>
    <message>
        <source>Back to the welcome screen after minutes without use:</source>
        <translation>Повертатися до вітання, якщо хвилин без дій:</translation>
    </message>
    <message>
        <source>Keep kiosk conversations in the history (from the next start)</source>
        <translation>Зберігати розмови кіоску в історії (з наступного запуску)</translation>
    </message>
    <message>
        <source>Large text</source>
        <translation>Великий текст</translation>
    </message>
    <message>
        <source>Start PiAssist as a kiosk</source>
        <translation>Запускати PiAssist як кіоск</translation>
    </message>
    <message>
        <source>This system has no keyring service: the PIN&apos;s hash is kept in a file that only this user can read (%1).</source>
        <translation>У системі немає служби сховища ключів: хеш ПІН-коду зберігається у файлі, який може читати лише цей користувач (%1).</translation>
    </message>
    <message>
        <source>The PIN&apos;s hash is kept in the system keyring.</source>
        <translation>Хеш ПІН-коду зберігається в системному сховищі ключів.</translation>
    </message>
    <message>
        <source>Measure the models…</source>
        <translation>Виміряти моделі…</translation>
    </message>
    <message>
        <source>Which model suits this Pi? Measure them and choose</source>
        <translation>Яка модель пасує цьому Pi? Виміряйте їх і виберіть</translation>
    </message>
    <message>
        <source>Change the PIN…</source>
        <translation>Змінити ПІН-код…</translation>
    </message>
    <message>
        <source>Ollama server…</source>
        <translation>Сервер Ollama…</translation>
    </message>
    <message>
        <source>Leave the kiosk</source>
        <translation>Вийти з кіоску</translation>
    </message>
    <message>
        <source>Close PiAssist</source>
        <translation>Закрити PiAssist</translation>
    </message>
</context>
<context>
    <name>KioskBar</name>
    <message>
        <source>PiAssist</source>
        <translation>PiAssist</translation>
    </message>
    <message>
        <source>Start over</source>
        <translation>Почати знову</translation>
    </message>
    <message>
        <source>Clear this conversation and go back to the welcome screen</source>
        <translation>Стерти цю розмову й повернутися до вітання</translation>
    </message>
    <message>
        <source>Kiosk settings (admin PIN, Ctrl+Alt+A)</source>
        <translation>Налаштування кіоску (ПІН-код адміністратора, Ctrl+Alt+A)</translation>
    </message>
    <message>
        <source>Kiosk settings</source>
        <translation>Налаштування кіоску</translation>
    </message>
</context>
<context>
    <name>KioskWelcome</name>
    <message>
        <source>Hello! Ask me anything.</source>
        <translation>Вітаю! Запитайте мене про будь-що.</translation>
    </message>
    <message>
        <source>I am an AI assistant that runs on this computer, without the internet. I can be wrong: check what matters.</source>
        <translation>Я помічник зі штучним інтелектом, що працює на цьому комп&apos;ютері без інтернету. Я можу помилятися: перевіряйте важливе.</translation>
    </message>
    <message>
        <source>Start a conversation</source>
        <translation>Почати розмову</translation>
    </message>
</context>
<context>
    <name>LongQuestions</name>
    <message numerus="yes">
        <source>%n older message(s) of this conversation were left out of this question: the model cannot read more at once.</source>
        <translation>
            <numerusform>%n старіше повідомлення цієї розмови не ввійшло в це запитання: модель не може прочитати більше за раз.</numerusform>
            <numerusform>%n старіші повідомлення цієї розмови не ввійшли в це запитання: модель не може прочитати більше за раз.</numerusform>
            <numerusform>%n старіших повідомлень цієї розмови не ввійшли в це запитання: модель не може прочитати більше за раз.</numerusform>
        </translation>
    </message>
    <message>
        <source>The model reads only the first %1% of the attached text.</source>
        <translation>Модель читає лише перші %1% вкладеного тексту.</translation>
    </message>
    <message>
        <source>Too long for the model</source>
        <translation>Задовге для моделі</translation>
    </message>
    <message>
        <source>This text is too long for the model to read at once.</source>
        <translation>Цей текст задовгий, щоб модель прочитала його за раз.</translation>
    </message>
    <message>
        <source>This question is too long for the model to read at once.</source>
        <translation>Це запитання задовге, щоб модель прочитала його за раз.</translation>
    </message>
    <message>
        <source>The model reads about %1 characters at once here; this text has %2, so it would see only about the first %3%. Attached as a file, the whole text stays in the conversation and the model reads its beginning.</source>
        <translation>Тут модель читає за раз приблизно стільки символів: %1; у цьому тексті їх %2, тож вона побачить лише приблизно перші %3%. Якщо вкласти його як файл, увесь текст лишиться в розмові, а модель прочитає його початок.</translation>
    </message>
    <message>
        <source>Attach as a file</source>
        <translation>Вкласти як файл</translation>
    </message>
    <message>
        <source>Send anyway</source>
        <translation>Усе одно надіслати</translation>
    </message>
    <message>
        <source>Don&apos;t paste</source>
        <translation>Не вставляти</translation>
    </message>
    <message>
        <source>Shorten it</source>
        <translation>Скоротити</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>PiAssist</source>
        <translation>PiAssist</translation>
    </message>
    <message>
        <source>Chat</source>
        <translation>Чат</translation>
    </message>
    <message>
        <source>Models</source>
        <translation>Моделі</translation>
    </message>
    <message>
        <source>Get models</source>
        <translation>Нові моделі</translation>
    </message>
    <message>
        <source>Benchmark</source>
        <translation>Порівняння</translation>
    </message>
    <message>
        <source>Pages</source>
        <translation>Сторінки</translation>
    </message>
</context>
<context>
    <name>MeasureTab</name>
    <message numerus="yes">
        <source>Each chosen model answers the same %n task(s), in Ukrainian and in English, one model at a time. Nothing else asks the model meanwhile, and what was in memory before is loaded again afterwards.</source>
        <translation>
            <numerusform>Кожна вибрана модель по черзі відповідає на те саме %n завдання українською та англійською. Тим часом ніщо інше не звертається до моделі, а те, що було в пам’яті, потім завантажується знову.</numerusform>
            <numerusform>Кожна вибрана модель по черзі відповідає на ті самі %n завдання українською та англійською. Тим часом ніщо інше не звертається до моделі, а те, що було в пам’яті, потім завантажується знову.</numerusform>
            <numerusform>Кожна вибрана модель по черзі відповідає на ті самі %n завдань українською та англійською. Тим часом ніщо інше не звертається до моделі, а те, що було в пам’яті, потім завантажується знову.</numerusform>
        </translation>
    </message>
    <message>
        <source>&amp;Models to measure:</source>
        <translation>&amp;Моделі для вимірювання:</translation>
    </message>
    <message>
        <source>Models to measure</source>
        <translation>Моделі для вимірювання</translation>
    </message>
    <message>
        <source>&amp;Longest answer:</source>
        <translation>&amp;Обмеження відповіді:</translation>
    </message>
    <message>
        <source> tokens</source>
        <translation> токенів</translation>
    </message>
    <message>
        <source>Longest answer, in tokens</source>
        <translation>Обмеження відповіді, у токенах</translation>
    </message>
    <message>
        <source>Every answer stops at this many tokens; the seed is always %1, so runs compare.</source>
        <translation>Кожна відповідь обривається на цій кількості токенів; зерно випадковості завжди %1, тож запуски можна порівнювати.</translation>
    </message>
    <message>
        <source>S&amp;tart</source>
        <translation>&amp;Почати</translation>
    </message>
    <message>
        <source>&amp;Cancel</source>
        <translation>&amp;Скасувати</translation>
    </message>
    <message>
        <source>Benchmark progress</source>
        <translation>Поступ порівняння</translation>
    </message>
    <message>
        <source>Ollama is not connected: the benchmark needs it.</source>
        <translation>Ollama не під’єднано, а порівнянню вона потрібна.</translation>
    </message>
    <message>
        <source>Choose at least one model to measure.</source>
        <translation>Виберіть хоча б одну модель для вимірювання.</translation>
    </message>
    <message>
        <source>A benchmark is already running.</source>
        <translation>Порівняння вже триває.</translation>
    </message>
    <message>
        <source>The chat is writing an answer. Wait for it or stop it, then start the benchmark.</source>
        <translation>Чат саме пише відповідь. Дочекайтеся її або зупиніть, а тоді почніть порівняння.</translation>
    </message>
    <message>
        <source>PiAssist&apos;s task set is missing. Reinstall PiAssist.</source>
        <translation>Бракує набору завдань PiAssist. Перевстановіть PiAssist.</translation>
    </message>
    <message>
        <source>Model %1 of %2 (%3) · task %4 of %5</source>
        <translation>Модель %1 з %2 (%3) · завдання %4 з %5</translation>
    </message>
    <message>
        <source>time left: known after the first answer</source>
        <translation>скільки лишилося, буде видно після першої відповіді</translation>
    </message>
    <message>
        <source>less than a minute left</source>
        <translation>лишилося менше хвилини</translation>
    </message>
    <message numerus="yes">
        <source>about %n minute(s) left</source>
        <translation>
            <numerusform>лишилася приблизно %n хвилина</numerusform>
            <numerusform>лишилося приблизно %n хвилини</numerusform>
            <numerusform>лишилося приблизно %n хвилин</numerusform>
        </translation>
    </message>
    <message>
        <source>The benchmark stopped: %1</source>
        <translation>Порівняння зупинилося: %1</translation>
    </message>
</context>
<context>
    <name>MnemonicTwins</name>
    <message>
        <source>%1, or %2 in the Ukrainian layout</source>
        <translation>%1 або %2 в українській розкладці</translation>
    </message>
    <message>
        <source>%1, or %2 in the Latin layout</source>
        <translation>%1 або %2 в латинській розкладці</translation>
    </message>
</context>
<context>
    <name>ModelDetailsDialog</name>
    <message>
        <source>Model details</source>
        <translation>Про модель</translation>
    </message>
    <message>
        <source>Family:</source>
        <translation>Сімейство:</translation>
    </message>
    <message>
        <source>Parameters:</source>
        <translation>Параметри:</translation>
    </message>
    <message>
        <source>Quantization:</source>
        <translation>Квантування:</translation>
    </message>
    <message>
        <source>Context length:</source>
        <translation>Довжина контексту:</translation>
    </message>
    <message>
        <source>Can do:</source>
        <translation>Уміє:</translation>
    </message>
    <message>
        <source>Size on disk:</source>
        <translation>Розмір на диску:</translation>
    </message>
    <message>
        <source>In memory:</source>
        <translation>У пам’яті:</translation>
    </message>
    <message>
        <source>Context in use:</source>
        <translation>Контекст зараз:</translation>
    </message>
    <message>
        <source>Unloads:</source>
        <translation>Вивантажиться:</translation>
    </message>
    <message>
        <source>The longest context the model was trained for</source>
        <translation>Найдовший контекст, на якому модель навчали</translation>
    </message>
    <message>
        <source>The context Ollama gave the model when it loaded it</source>
        <translation>Контекст, який Ollama дала моделі під час завантаження</translation>
    </message>
    <message>
        <source>Overview</source>
        <translation>Загальне</translation>
    </message>
    <message>
        <source>Settings</source>
        <translation>Налаштування</translation>
    </message>
    <message>
        <source>Template</source>
        <translation>Шаблон</translation>
    </message>
    <message>
        <source>License</source>
        <translation>Ліцензія</translation>
    </message>
    <message>
        <source>The model&apos;s settings (Modelfile parameters)</source>
        <translation>Налаштування моделі (параметри Modelfile)</translation>
    </message>
    <message>
        <source>This model sets no parameters of its own.</source>
        <translation>Ця модель не задає власних параметрів.</translation>
    </message>
    <message>
        <source>Prompt template</source>
        <translation>Шаблон запиту</translation>
    </message>
    <message>
        <source>This model has no prompt template.</source>
        <translation>У цієї моделі немає шаблону запиту.</translation>
    </message>
    <message>
        <source>This model comes without a license text.</source>
        <translation>Ця модель постачається без тексту ліцензії.</translation>
    </message>
    <message>
        <source>Could not read the details: %1</source>
        <translation>Не вдалося прочитати відомості: %1</translation>
    </message>
    <message>
        <source>Reading the details from Ollama…</source>
        <translation>Читаю відомості з Ollama…</translation>
    </message>
    <message>
        <source>not known</source>
        <translation>невідомо</translation>
    </message>
    <message>
        <source>no (it loads with the next question)</source>
        <translation>ні (завантажиться з наступним запитанням)</translation>
    </message>
    <message numerus="yes">
        <source>%Ln token(s)</source>
        <translation>
            <numerusform>%Ln токен</numerusform>
            <numerusform>%Ln токени</numerusform>
            <numerusform>%Ln токенів</numerusform>
        </translation>
    </message>
    <message>
        <source>completion</source>
        <translation>текст</translation>
    </message>
    <message>
        <source>thinking</source>
        <translation>міркування</translation>
    </message>
    <message>
        <source>vision</source>
        <translation>зображення</translation>
    </message>
    <message>
        <source>tools</source>
        <translation>інструменти</translation>
    </message>
    <message>
        <source>embedding</source>
        <translation>вкладення</translation>
    </message>
    <message>
        <source>insert</source>
        <translation>вставлення</translation>
    </message>
    <message>
        <source>image generation</source>
        <translation>створення зображень</translation>
    </message>
    <message>
        <source>audio</source>
        <translation>звук</translation>
    </message>
</context>
<context>
    <name>ModelsPage</name>
    <message>
        <source>Installed models</source>
        <translation>Встановлені моделі</translation>
    </message>
    <message>
        <source>Use for chat</source>
        <translation>Використати для чату</translation>
    </message>
    <message>
        <source>Chat with the selected model</source>
        <translation>Спілкуватися з вибраною моделлю</translation>
    </message>
    <message>
        <source>&amp;Details…</source>
        <translation>&amp;Докладніше…</translation>
    </message>
    <message>
        <source>What the model can do, its settings, template and license</source>
        <translation>Що вміє модель, її налаштування, шаблон і ліцензія</translation>
    </message>
    <message>
        <source>Free the memory the selected model holds; it loads again with the next question</source>
        <translation>Звільнити пам’ять, яку займає вибрана модель; вона завантажиться знову з наступним запитанням</translation>
    </message>
    <message>
        <source>Unload &amp;now</source>
        <translation>&amp;Вивантажити</translation>
    </message>
    <message>
        <source>Remove the selected model from the disk (Delete key)</source>
        <translation>Видалити вибрану модель з диска (клавіша Delete)</translation>
    </message>
    <message>
        <source>De&amp;lete…</source>
        <translation>В&amp;идалити…</translation>
    </message>
    <message>
        <source>Read the list again from Ollama (F5)</source>
        <translation>Ще раз прочитати список з Ollama (F5)</translation>
    </message>
    <message>
        <source>No models yet</source>
        <translation>Моделей ще немає</translation>
    </message>
    <message>
        <source>Ollama runs but has no language model yet. PiAssist downloads one for you: a good first model for a Raspberry Pi is %1, about 400 MB, and it answers quickly on a Pi 5. It appears here when it is ready.</source>
        <translation>Ollama працює, але мовної моделі ще немає. PiAssist завантажить її для вас: добра перша модель для Raspberry Pi — %1, близько 400 МБ, і вона швидко відповідає на Pi 5. Вона з’явиться тут, щойно буде готова.</translation>
    </message>
    <message>
        <source>Get models…</source>
        <translation>Нові моделі…</translation>
    </message>
    <message>
        <source>Choose a model to download, with %1 chosen</source>
        <translation>Вибрати модель для завантаження (вибрано %1)</translation>
    </message>
    <message numerus="yes">
        <source>%n model(s)</source>
        <translation>
            <numerusform>%n модель</numerusform>
            <numerusform>%n моделі</numerusform>
            <numerusform>%n моделей</numerusform>
        </translation>
    </message>
    <message>
        <source>Refreshing…</source>
        <translation>Оновлення…</translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation>Оновити</translation>
    </message>
    <message>
        <source>Could not read the model list: %1</source>
        <translation>Не вдалося прочитати список моделей: %1</translation>
    </message>
    <message>
        <source>Could not delete %1: %2</source>
        <translation>Не вдалося видалити %1: %2</translation>
    </message>
    <message>
        <source>Could not unload %1: %2</source>
        <translation>Не вдалося вивантажити %1: %2</translation>
    </message>
    <message>
        <source>Deleting…</source>
        <translation>Видалення…</translation>
    </message>
    <message>
        <source>Unloading…</source>
        <translation>Вивантаження…</translation>
    </message>
    <message>
        <source>Delete %1? Its files stay on the disk: %2 uses them too.</source>
        <translation>Видалити %1? Її файли залишаться на диску: їх використовує й %2.</translation>
    </message>
    <message>
        <source>Delete %1? This frees %2 on the disk.</source>
        <translation>Видалити %1? Це звільнить %2 на диску.</translation>
    </message>
    <message>
        <source>Delete model</source>
        <translation>Видалення моделі</translation>
    </message>
    <message>
        <source>It is removed from the Ollama server. To use it again, download it again.</source>
        <translation>Її буде вилучено із сервера Ollama. Щоб користуватися нею знову, завантажте її ще раз.</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>Видалити</translation>
    </message>
</context>
<context>
    <name>ModelsTableModel</name>
    <message>
        <source>Name</source>
        <translation>Назва</translation>
    </message>
    <message>
        <source>Family</source>
        <translation>Родина</translation>
    </message>
    <message>
        <source>Parameters</source>
        <translation>Параметри</translation>
    </message>
    <message>
        <source>Quantization</source>
        <translation>Квантування</translation>
    </message>
    <message>
        <source>Size</source>
        <translation>Розмір</translation>
    </message>
    <message>
        <source>Modified</source>
        <translation>Змінено</translation>
    </message>
    <message>
        <source>In memory</source>
        <translation>У пам’яті</translation>
    </message>
    <message>
        <source>Unloads</source>
        <translation>Вивантажиться</translation>
    </message>
    <message>
        <source>no</source>
        <translation>ні</translation>
    </message>
    <message>
        <source>The model used for chat</source>
        <translation>Модель, яка використовується для чату</translation>
    </message>
    <message>
        <source>Double-click to chat with this model</source>
        <translation>Двічі клацніть, щоб спілкуватися з цією моделлю</translation>
    </message>
    <message>
        <source>Loaded: %1 of memory in use</source>
        <translation>Завантажено: займає %1 пам’яті</translation>
    </message>
</context>
<context>
    <name>OfflineSign</name>
    <message>
        <source>● Ready offline</source>
        <translation>● Працює без мережі</translation>
    </message>
    <message>
        <source>The model is loaded on this computer: no network is needed.</source>
        <translation>Модель завантажена на цьому комп&apos;ютері: мережа не потрібна.</translation>
    </message>
</context>
<context>
    <name>PinDialog</name>
    <message>
        <source>Admin PIN</source>
        <translation>ПІН-код адміністратора</translation>
    </message>
    <message>
        <source>Enter the admin PIN to continue.</source>
        <translation>Щоб продовжити, введіть ПІН-код адміністратора.</translation>
    </message>
    <message numerus="yes">
        <source>Wrong PIN. You can try again in %n second(s).</source>
        <translation>
            <numerusform>Неправильний ПІН-код. Спробуйте знову через %n секунду.</numerusform>
            <numerusform>Неправильний ПІН-код. Спробуйте знову через %n секунди.</numerusform>
            <numerusform>Неправильний ПІН-код. Спробуйте знову через %n секунд.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Too many wrong PINs. You can try again in %n second(s).</source>
        <translation>
            <numerusform>Забагато неправильних ПІН-кодів. Спробуйте знову через %n секунду.</numerusform>
            <numerusform>Забагато неправильних ПІН-кодів. Спробуйте знову через %n секунди.</numerusform>
            <numerusform>Забагато неправильних ПІН-кодів. Спробуйте знову через %n секунд.</numerusform>
        </translation>
    </message>
    <message>
        <source>No admin PIN has been set yet.</source>
        <translation>ПІН-код адміністратора ще не встановлено.</translation>
    </message>
    <message>
        <source>The keyring did not answer. Try again.</source>
        <translation>Сховище ключів не відповіло. Спробуйте ще раз.</translation>
    </message>
    <message>
        <source>Wrong PIN.</source>
        <translation>Неправильний ПІН-код.</translation>
    </message>
</context>
<context>
    <name>PinSetupDialog</name>
    <message>
        <source>Set the admin PIN</source>
        <translation>Встановіть ПІН-код адміністратора</translation>
    </message>
    <message>
        <source>The admin PIN protects the kiosk: leaving it and changing its settings need it. Choose %1 to %2 digits.</source>
        <translation>ПІН-код адміністратора захищає кіоск: без нього не можна ні вийти, ні змінити налаштування. Виберіть від %1 до %2 цифр.</translation>
    </message>
    <message>
        <source>New PIN:</source>
        <translation>Новий ПІН-код:</translation>
    </message>
    <message>
        <source>The same PIN again:</source>
        <translation>Той самий ПІН-код ще раз:</translation>
    </message>
    <message>
        <source>New PIN</source>
        <translation>Новий ПІН-код</translation>
    </message>
    <message>
        <source>The same PIN again</source>
        <translation>Той самий ПІН-код ще раз</translation>
    </message>
    <message>
        <source>A PIN is %1 to %2 digits.</source>
        <translation>ПІН-код має від %1 до %2 цифр.</translation>
    </message>
    <message>
        <source>The two PINs are not the same.</source>
        <translation>Два ПІН-коди не однакові.</translation>
    </message>
    <message>
        <source>Could not keep the PIN in the keyring: %1</source>
        <translation>Не вдалося зберегти ПІН-код у сховищі ключів: %1</translation>
    </message>
</context>
<context>
    <name>PromptBox</name>
    <message>
        <source>Restore the default text</source>
        <translation>Повернути типовий текст</translation>
    </message>
    <message>
        <source>The model reads this before every question.</source>
        <translation>Модель читає це перед кожним запитанням.</translation>
    </message>
</context>
<context>
    <name>Prompts</name>
    <message>
        <source>You are a helpful assistant. Answer in English, clearly and briefly.</source>
        <translation>Ти корисний помічник. Відповідай українською мовою, ясно і коротко.</translation>
    </message>
</context>
<context>
    <name>PullIndicator</name>
    <message>
        <source>Checking %1…</source>
        <translation>Перевірка %1…</translation>
    </message>
    <message>
        <source>Downloading %1: %2 %</source>
        <translation>Завантаження %1: %2 %</translation>
    </message>
    <message numerus="yes">
        <source>(+%n waiting)</source>
        <translation>
            <numerusform>(+%n у черзі)</numerusform>
            <numerusform>(+%n у черзі)</numerusform>
            <numerusform>(+%n у черзі)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n download(s) stopped</source>
        <translation>
            <numerusform>%n завантаження зупинено</numerusform>
            <numerusform>%n завантаження зупинено</numerusform>
            <numerusform>%n завантажень зупинено</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n download(s) waiting</source>
        <translation>
            <numerusform>%n завантаження в черзі</numerusform>
            <numerusform>%n завантаження в черзі</numerusform>
            <numerusform>%n завантажень у черзі</numerusform>
        </translation>
    </message>
    <message>
        <source>Show the downloads</source>
        <translation>Показати завантаження</translation>
    </message>
</context>
<context>
    <name>PullRow</name>
    <message>
        <source>Cancel</source>
        <translation>Скасувати</translation>
    </message>
    <message>
        <source>Stop this download; what was downloaded is kept for later</source>
        <translation>Зупинити це завантаження; завантажене збережеться на потім</translation>
    </message>
    <message>
        <source>Try again</source>
        <translation>Спробувати ще</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>Прибрати</translation>
    </message>
    <message>
        <source>Take it off the list; what was downloaded is kept</source>
        <translation>Прибрати зі списку; завантажене збережеться</translation>
    </message>
    <message>
        <source>Download of %1</source>
        <translation>Завантаження %1</translation>
    </message>
</context>
<context>
    <name>PullTexts</name>
    <message>
        <source>Waiting for the download before it</source>
        <translation>Чекає на попереднє завантаження</translation>
    </message>
    <message>
        <source>Stopped: %1</source>
        <translation>Зупинено: %1</translation>
    </message>
    <message>
        <source>Asking the model library…</source>
        <translation>Запит до бібліотеки моделей…</translation>
    </message>
    <message>
        <source>Checking the downloaded files…</source>
        <translation>Перевірка завантажених файлів…</translation>
    </message>
    <message>
        <source>Finishing…</source>
        <translation>Завершення…</translation>
    </message>
    <message>
        <source>Installed</source>
        <translation>Встановлено</translation>
    </message>
    <message>
        <source>Downloading</source>
        <translation>Завантаження</translation>
    </message>
    <message>
        <source>%1 of %2</source>
        <translation>%1 з %2</translation>
    </message>
    <message numerus="yes">
        <source>no data for %n second(s)</source>
        <translation>
            <numerusform>немає даних %n секунду</numerusform>
            <numerusform>немає даних %n секунди</numerusform>
            <numerusform>немає даних %n секунд</numerusform>
        </translation>
    </message>
    <message>
        <source>%1/s</source>
        <translation>%1/с</translation>
    </message>
    <message numerus="yes">
        <source>%n second(s) left</source>
        <translation>
            <numerusform>залишилась %n секунда</numerusform>
            <numerusform>залишилося %n секунди</numerusform>
            <numerusform>залишилося %n секунд</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>about %n minute(s) left</source>
        <translation>
            <numerusform>залишилась приблизно %n хвилина</numerusform>
            <numerusform>залишилося приблизно %n хвилини</numerusform>
            <numerusform>залишилося приблизно %n хвилин</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>about %n hour(s) left</source>
        <translation>
            <numerusform>залишилась приблизно %n година</numerusform>
            <numerusform>залишилося приблизно %n години</numerusform>
            <numerusform>залишилося приблизно %n годин</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>QAbstractFileIconProvider</name>
    <message>
        <source>Drive</source>
        <translation>Диск</translation>
    </message>
    <message>
        <source>Folder</source>
        <translation>Тека</translation>
    </message>
    <message>
        <source>File</source>
        <translation>Файл</translation>
    </message>
    <message>
        <source>%1 File</source>
        <translation>Файл %1</translation>
    </message>
    <message>
        <source>Unknown</source>
        <translation>Невідомо</translation>
    </message>
</context>
<context>
    <name>Reasoning</name>
    <message numerus="yes">
        <source>Thought for %n second(s)</source>
        <translation>
            <numerusform>Думала %n секунду</numerusform>
            <numerusform>Думала %n секунди</numerusform>
            <numerusform>Думала %n секунд</numerusform>
        </translation>
    </message>
    <message>
        <source>Thinking…</source>
        <translation>Думає…</translation>
    </message>
    <message>
        <source>Reasoning</source>
        <translation>Міркування</translation>
    </message>
</context>
<context>
    <name>ResultsTableModel</name>
    <message>
        <source>Model</source>
        <translation>Модель</translation>
    </message>
    <message>
        <source>Task</source>
        <translation>Завдання</translation>
    </message>
    <message>
        <source>Load, s</source>
        <translation>Завантаження, с</translation>
    </message>
    <message>
        <source>First token, s</source>
        <translation>Перший токен, с</translation>
    </message>
    <message>
        <source>Question, tok/s</source>
        <translation>Запитання, ток/с</translation>
    </message>
    <message>
        <source>Answer, tok/s</source>
        <translation>Відповідь, ток/с</translation>
    </message>
    <message>
        <source>Tokens</source>
        <translation>Токени</translation>
    </message>
    <message>
        <source>Peak RAM</source>
        <translation>Найбільше ОЗП</translation>
    </message>
    <message>
        <source>Peak swap</source>
        <translation>Найбільше підкачки</translation>
    </message>
    <message>
        <source>Model memory</source>
        <translation>Пам’ять моделі</translation>
    </message>
    <message>
        <source>SoC °C</source>
        <translation>Чип, °C</translation>
    </message>
    <message>
        <source>Throttled</source>
        <translation>Сповільнення</translation>
    </message>
    <message>
        <source>Written</source>
        <translation>Написано</translation>
    </message>
    <message>
        <source>Time the server took to load the model for this answer</source>
        <translation>Скільки часу сервер завантажував модель для цієї відповіді</translation>
    </message>
    <message>
        <source>From sending the task to the first word of the answer</source>
        <translation>Від надсилання завдання до першого слова відповіді</translation>
    </message>
    <message>
        <source>Question tokens the model really read, per second</source>
        <translation>Токени запитання, які модель справді прочитала, за секунду</translation>
    </message>
    <message>
        <source>The server&apos;s answer speed</source>
        <translation>Швидкість відповіді за даними сервера</translation>
    </message>
    <message>
        <source>Tokens of the answer</source>
        <translation>Токени відповіді</translation>
    </message>
    <message>
        <source>The whole computer&apos;s memory in use at its highest during the answer</source>
        <translation>Найбільше використання пам’яті всім комп’ютером під час відповіді</translation>
    </message>
    <message>
        <source>Swap in use at its highest during the answer</source>
        <translation>Найбільше використання файлу підкачки під час відповіді</translation>
    </message>
    <message>
        <source>What the server says the loaded model takes</source>
        <translation>Скільки, за словами сервера, займає завантажена модель</translation>
    </message>
    <message>
        <source>The chip&apos;s temperature before and after the answer</source>
        <translation>Температура чипа до і після відповіді</translation>
    </message>
    <message>
        <source>Whether the board slowed itself down (heat or power) meanwhile</source>
        <translation>Чи сповільнювала плата себе тим часом (через нагрів або живлення)</translation>
    </message>
    <message>
        <source>The language the answer is written in, checked from its letters</source>
        <translation>Мова, якою написано відповідь, визначена за її літерами</translation>
    </message>
    <message>
        <source>yes</source>
        <translation>так</translation>
    </message>
    <message>
        <source>no</source>
        <translation>ні</translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <source>Preferences</source>
        <translation>Параметри</translation>
    </message>
    <message>
        <source>&amp;General</source>
        <translation>&amp;Загальні</translation>
    </message>
    <message>
        <source>Instr&amp;uctions</source>
        <translation>Вказ&amp;івки</translation>
    </message>
    <message>
        <source>&amp;Starting points</source>
        <translation>&amp;Початкові завдання</translation>
    </message>
    <message>
        <source>&amp;Language:</source>
        <translation>&amp;Мова:</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>Мова</translation>
    </message>
    <message>
        <source>&amp;Appearance:</source>
        <translation>&amp;Оформлення:</translation>
    </message>
    <message>
        <source>Appearance</source>
        <translation>Оформлення</translation>
    </message>
    <message>
        <source>Follow the desktop</source>
        <translation>Як на робочому столі</translation>
    </message>
    <message>
        <source>Light</source>
        <translation>Світле</translation>
    </message>
    <message>
        <source>Dark</source>
        <translation>Темне</translation>
    </message>
    <message>
        <source>&amp;Thinking in new chats:</source>
        <translation>Мі&amp;ркування в нових чатах:</translation>
    </message>
    <message>
        <source>Thinking in new chats</source>
        <translation>Міркування в нових чатах</translation>
    </message>
    <message>
        <source>Off: answer at once</source>
        <translation>Вимкнено: відповідати одразу</translation>
    </message>
    <message>
        <source>On: think first, where the model can</source>
        <translation>Увімкнено: спершу міркувати, де модель уміє</translation>
    </message>
    <message>
        <source>Each chat can change it beside the model; a model that cannot think is never asked to.</source>
        <translation>Кожен чат може змінити це біля моделі; модель, що не вміє міркувати, про це не просять.</translation>
    </message>
    <message>
        <source>New chats</source>
        <translation>Нові чати</translation>
    </message>
    <message>
        <source>Instructions for the model</source>
        <translation>Вказівки для моделі</translation>
    </message>
    <message>
        <source>What an empty chat offers to start from, in %1. Each fills the question box.</source>
        <translation>З чого порожній чат пропонує почати (%1). Кожне завдання заповнює поле запитання.</translation>
    </message>
</context>
<context>
    <name>ShortcutSheet</name>
    <message>
        <source>Anywhere</source>
        <translation>Будь-де</translation>
    </message>
    <message>
        <source>Alt + the underlined letter</source>
        <translation>Alt + підкреслена літера</translation>
    </message>
    <message>
        <source>Next control</source>
        <translation>Наступний елемент</translation>
    </message>
    <message>
        <source>Previous control</source>
        <translation>Попередній елемент</translation>
    </message>
    <message>
        <source>A labelled field or button</source>
        <translation>Поле з підписом або кнопка</translation>
    </message>
    <message>
        <source>Keyboard shortcuts</source>
        <translation>Клавіатурні скорочення</translation>
    </message>
    <message>
        <source>What it does</source>
        <translation>Що робить</translation>
    </message>
    <message>
        <source>Keys</source>
        <translation>Клавіші</translation>
    </message>
    <message>
        <source>Each key with what it does, grouped by where it works</source>
        <translation>Кожна клавіша і що вона робить, за місцем, де вона діє</translation>
    </message>
</context>
<context>
    <name>SideBySide</name>
    <message>
        <source>&amp;Task:</source>
        <translation>&amp;Завдання:</translation>
    </message>
    <message>
        <source>Task whose answers are shown</source>
        <translation>Завдання, відповіді на яке показано</translation>
    </message>
    <message>
        <source>The answers appear here once a benchmark has run.</source>
        <translation>Відповіді з’являться тут після першого порівняння.</translation>
    </message>
</context>
<context>
    <name>Sparkline</name>
    <message>
        <source>Chart of the last minute</source>
        <translation>Графік за останню хвилину</translation>
    </message>
    <message>
        <source>How the figure beside it changed over the last minute</source>
        <translation>Як змінювався показник поруч за останню хвилину</translation>
    </message>
</context>
<context>
    <name>StartingPoints</name>
    <message>
        <source>What can I help with?</source>
        <translation>З чим вам допомогти?</translation>
    </message>
    <message>
        <source>Type a question below, or start from one of these:</source>
        <translation>Напишіть запитання нижче або почніть з одного з цих завдань:</translation>
    </message>
</context>
<context>
    <name>StartingPointsEditor</name>
    <message>
        <source>Starting point %1 has no name: type one, or remove it.</source>
        <translation>Завдання %1 не має назви: введіть її або вилучіть завдання.</translation>
    </message>
    <message>
        <source>Starting point %1 has no instruction: type one, or remove it.</source>
        <translation>Завдання %1 не має вказівки: введіть її або вилучіть завдання.</translation>
    </message>
    <message>
        <source>(no name)</source>
        <translation>(без назви)</translation>
    </message>
    <message>
        <source>&amp;Name on the button:</source>
        <translation>Н&amp;азва на кнопці:</translation>
    </message>
    <message>
        <source>&amp;Instruction put in the question box:</source>
        <translation>&amp;Вказівка, що з’явиться в полі запитання:</translation>
    </message>
    <message>
        <source>Starting points</source>
        <translation>Початкові завдання</translation>
    </message>
    <message>
        <source>Name on the button</source>
        <translation>Назва на кнопці</translation>
    </message>
    <message>
        <source>Instruction put in the question box</source>
        <translation>Вказівка, що з’явиться в полі запитання</translation>
    </message>
    <message>
        <source>Add</source>
        <translation>Додати</translation>
    </message>
    <message numerus="yes">
        <source>At most %n starting point(s)</source>
        <translation>
            <numerusform>Не більше %n завдання</numerusform>
            <numerusform>Не більше %n завдань</numerusform>
            <numerusform>Не більше %n завдань</numerusform>
        </translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>Вилучити</translation>
    </message>
    <message>
        <source>Move up</source>
        <translation>Вище</translation>
    </message>
    <message>
        <source>Earlier in the list (Alt+Up)</source>
        <translation>Раніше у списку (Alt+Вгору)</translation>
    </message>
    <message>
        <source>Move down</source>
        <translation>Нижче</translation>
    </message>
    <message>
        <source>Later in the list (Alt+Down)</source>
        <translation>Пізніше у списку (Alt+Вниз)</translation>
    </message>
    <message>
        <source>Reset to the defaults</source>
        <translation>Повернути типові</translation>
    </message>
</context>
<context>
    <name>StatsText</name>
    <message>
        <source>%1 tokens/s</source>
        <translation>%1 токенів/с</translation>
    </message>
    <message numerus="yes">
        <source>%n token(s)</source>
        <translation>
            <numerusform>%n токен</numerusform>
            <numerusform>%n токени</numerusform>
            <numerusform>%n токенів</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>question: %n token(s) at %1 tokens/s</source>
        <translation>
            <numerusform>запитання: %n токен, %1 токенів/с</numerusform>
            <numerusform>запитання: %n токени, %1 токенів/с</numerusform>
            <numerusform>запитання: %n токенів, %1 токенів/с</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n from cache</source>
        <translation>
            <numerusform>%n з кешу</numerusform>
            <numerusform>%n з кешу</numerusform>
            <numerusform>%n з кешу</numerusform>
        </translation>
    </message>
    <message>
        <source>model loaded in %1 s</source>
        <translation>модель завантажено за %1 с</translation>
    </message>
</context>
<context>
    <name>ThinkingToggle</name>
    <message>
        <source>Off</source>
        <translation>Вимк.</translation>
    </message>
    <message>
        <source>On</source>
        <translation>Увімк.</translation>
    </message>
    <message>
        <source>Low</source>
        <translation>Низький</translation>
    </message>
    <message>
        <source>Medium</source>
        <translation>Середній</translation>
    </message>
    <message>
        <source>High</source>
        <translation>Високий</translation>
    </message>
    <message>
        <source>Very high</source>
        <translation>Дуже високий</translation>
    </message>
    <message>
        <source>Highest</source>
        <translation>Найвищий</translation>
    </message>
    <message>
        <source>Thinking before answering</source>
        <translation>Міркування перед відповіддю</translation>
    </message>
    <message>
        <source>Thinking</source>
        <translation>Міркування</translation>
    </message>
    <message>
        <source>Think</source>
        <translation>Думки</translation>
    </message>
    <message>
        <source>Thinking: %1.</source>
        <translation>Міркування: %1.</translation>
    </message>
    <message>
        <source>This model answers without thinking first: quicker. Open to let it think.</source>
        <translation>Ця модель відповідає одразу, без міркувань: швидше. Відкрийте, щоб увімкнути міркування.</translation>
    </message>
    <message>
        <source>This model thinks before it answers: slower, often better. Open to change it.</source>
        <translation>Ця модель міркує перед відповіддю: повільніше, часто краще. Відкрийте, щоб змінити.</translation>
    </message>
</context>
<context>
    <name>TranscriptView</name>
    <message>
        <source>Conversation</source>
        <translation>Розмова</translation>
    </message>
    <message numerus="yes">
        <source>and %n more character(s); copied whole.</source>
        <translation>
            <numerusform>і ще %n символ; копіюється повністю.</numerusform>
            <numerusform>і ще %n символи; копіюється повністю.</numerusform>
            <numerusform>і ще %n символів; копіюється повністю.</numerusform>
        </translation>
    </message>
    <message>
        <source>Copy</source>
        <translation>Копіювати</translation>
    </message>
    <message>
        <source>You</source>
        <translation>Ви</translation>
    </message>
    <message>
        <source>Assistant</source>
        <translation>Помічник</translation>
    </message>
    <message>
        <source>Copy all</source>
        <translation>Копіювати все</translation>
    </message>
    <message numerus="yes">
        <source>%Ln more character(s) not shown.</source>
        <translation>
            <numerusform>Ще %Ln символ не показано.</numerusform>
            <numerusform>Ще %Ln символи не показано.</numerusform>
            <numerusform>Ще %Ln символів не показано.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>The first %1 of %Ln rows shown.</source>
        <translation>
            <numerusform>Показано перші %1 з %Ln рядка.</numerusform>
            <numerusform>Показано перші %1 з %Ln рядків.</numerusform>
            <numerusform>Показано перші %1 з %Ln рядків.</numerusform>
        </translation>
    </message>
    <message>
        <source>More is not shown…</source>
        <translation>Далі не показано…</translation>
    </message>
    <message>
        <source>stopped</source>
        <translation>зупинено</translation>
    </message>
    <message>
        <source>interrupted</source>
        <translation>перервано</translation>
    </message>
    <message>
        <source>error</source>
        <translation>помилка</translation>
    </message>
    <message>
        <source>Copy the question</source>
        <translation>Копіювати запитання</translation>
    </message>
    <message>
        <source>Copy the answer</source>
        <translation>Копіювати відповідь</translation>
    </message>
</context>
<context>
    <name>UnloadTexts</name>
    <message>
        <source>stays loaded</source>
        <translation>залишається завантаженою</translation>
    </message>
    <message>
        <source>unloading…</source>
        <translation>вивантажується…</translation>
    </message>
    <message numerus="yes">
        <source>in %n second(s)</source>
        <translation>
            <numerusform>за %n секунду</numerusform>
            <numerusform>за %n секунди</numerusform>
            <numerusform>за %n секунд</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>in %n minute(s)</source>
        <translation>
            <numerusform>за %n хвилину</numerusform>
            <numerusform>за %n хвилини</numerusform>
            <numerusform>за %n хвилин</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>in %n hour(s)</source>
        <translation>
            <numerusform>за %n годину</numerusform>
            <numerusform>за %n години</numerusform>
            <numerusform>за %n годин</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>in %n day(s)</source>
        <translation>
            <numerusform>за %n день</numerusform>
            <numerusform>за %n дні</numerusform>
            <numerusform>за %n днів</numerusform>
        </translation>
    </message>
    <message>
        <source>Ollama keeps this model in memory until Ollama stops.</source>
        <translation>Ollama тримає цю модель у пам’яті, доки Ollama не зупиниться.</translation>
    </message>
    <message>
        <source>Ollama is freeing this model&apos;s memory now.</source>
        <translation>Ollama саме звільняє пам’ять цієї моделі.</translation>
    </message>
    <message>
        <source>Ollama frees this model&apos;s memory at %1 unless it is used again.</source>
        <translation>Якщо модель не використають знову, Ollama звільнить її пам’ять: %1.</translation>
    </message>
</context>
<context>
    <name>WindowMenus</name>
    <message>
        <source>&amp;File</source>
        <translation>&amp;Файл</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>&amp;Вигляд</translation>
    </message>
    <message>
        <source>&amp;Settings</source>
        <translation>&amp;Налаштування</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>&amp;Довідка</translation>
    </message>
    <message>
        <source>&amp;Language</source>
        <translation>&amp;Мова</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Вийти</translation>
    </message>
    <message>
        <source>&amp;New chat</source>
        <translation>&amp;Новий чат</translation>
    </message>
    <message>
        <source>&amp;Chat</source>
        <translation>&amp;Чат</translation>
    </message>
    <message>
        <source>&amp;Models</source>
        <translation>&amp;Моделі</translation>
    </message>
    <message>
        <source>&amp;Get models</source>
        <translation>&amp;Нові моделі</translation>
    </message>
    <message>
        <source>&amp;Benchmark: which model suits this computer</source>
        <translation>&amp;Порівняння: яка модель пасує цьому комп’ютеру</translation>
    </message>
    <message>
        <source>Ollama &amp;server…</source>
        <translation>&amp;Сервер Ollama…</translation>
    </message>
    <message>
        <source>&amp;Preferences…</source>
        <translation>&amp;Параметри…</translation>
    </message>
    <message>
        <source>Settings for this &amp;chat…</source>
        <translation>Налаштування цього &amp;чату…</translation>
    </message>
    <message>
        <source>&amp;About PiAssist</source>
        <translation>&amp;Про PiAssist</translation>
    </message>
    <message>
        <source>&amp;Search chats</source>
        <translation>&amp;Шукати в чатах</translation>
    </message>
    <message>
        <source>&amp;Write a question</source>
        <translation>Перейти до &amp;питання</translation>
    </message>
    <message>
        <source>S&amp;top the answer</source>
        <translation>&amp;Зупинити відповідь</translation>
    </message>
    <message>
        <source>&amp;Larger text</source>
        <translation>&amp;Більший текст</translation>
    </message>
    <message>
        <source>&amp;Smaller text</source>
        <translation>Мен&amp;ший текст</translation>
    </message>
    <message>
        <source>&amp;Normal text size</source>
        <translation>&amp;Звичайний розмір тексту</translation>
    </message>
    <message>
        <source>&amp;Full screen</source>
        <translation>На весь &amp;екран</translation>
    </message>
    <message>
        <source>&amp;Keyboard shortcuts</source>
        <translation>&amp;Клавіатурні скорочення</translation>
    </message>
    <message>
        <source>Show PiAssist in %1</source>
        <translation>Показувати PiAssist мовою: %1</translation>
    </message>
    <message>
        <source>About PiAssist</source>
        <translation>Про PiAssist</translation>
    </message>
    <message>
        <source>PiAssist %1: a local AI assistant for the Raspberry Pi, using Ollama.</source>
        <translation>PiAssist %1 — локальний помічник зі штучним інтелектом для Raspberry Pi, що працює з Ollama.</translation>
    </message>
    <message>
        <source>Menus</source>
        <translation>Меню</translation>
    </message>
    <message>
        <source>Open the menu “%1”</source>
        <translation>Відкрити меню «%1»</translation>
    </message>
</context>
</TS>
