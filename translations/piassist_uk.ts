<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="uk">
    <context>
        <name>ChatPage</name>
        <message>
            <source>Chat</source>
            <translation>Чат</translation>
        </message>
        <message>
            <source>Model for chat: %1</source>
            <translation>Модель для чату: %1</translation>
        </message>
        <message>
            <source>No model chosen yet.</source>
            <translation>Модель ще не вибрано.</translation>
        </message>
        <message>
            <source>Conversations arrive in the next version of PiAssist.</source>
            <translation>Розмови з’являться в наступній версії PiAssist.</translation>
        </message>
        <message>
            <source>Choose a model…</source>
            <translation>Вибрати модель…</translation>
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
            <source>PiAssist uses Ollama, a free program that runs language models on this computer. It is not installed yet. Open a terminal, paste the command below and press Enter; it asks for your password and takes a few minutes. PiAssist connects by itself when Ollama is ready.</source>
            <translation>PiAssist використовує Ollama — безкоштовну програму, яка запускає мовні моделі на цьому комп’ютері. Її ще не встановлено. Відкрийте термінал, вставте команду нижче й натисніть Enter: команда попросить ваш пароль і триватиме кілька хвилин. PiAssist підключиться сам, щойно Ollama буде готова.</translation>
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
            <source>This is not a server address.</source>
            <translation>Це не адреса сервера.</translation>
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
            <source>Pages</source>
            <translation>Сторінки</translation>
        </message>
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
            <source>&amp;Chat</source>
            <translation>&amp;Чат</translation>
        </message>
        <message>
            <source>&amp;Models</source>
            <translation>&amp;Моделі</translation>
        </message>
        <message>
            <source>Ollama &amp;server…</source>
            <translation>&amp;Сервер Ollama…</translation>
        </message>
        <message>
            <source>&amp;About PiAssist</source>
            <translation>&amp;Про PiAssist</translation>
        </message>
        <message>
            <source>About PiAssist</source>
            <translation>Про PiAssist</translation>
        </message>
        <message>
            <source>PiAssist %1: a local AI assistant for the Raspberry Pi, using Ollama.</source>
            <translation>PiAssist %1 — локальний помічник зі штучним інтелектом для Raspberry Pi, що працює з Ollama.</translation>
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
            <source>Read the list again from Ollama (F5)</source>
            <translation>Ще раз прочитати список з Ollama (F5)</translation>
        </message>
        <message>
            <source>No models yet</source>
            <translation>Моделей ще немає</translation>
        </message>
        <message>
            <source>Ollama runs but has no language model yet. A good first model for a Raspberry Pi is %1: about 400 MB to download, and it answers quickly on a Pi 5. Open a terminal and run the command below; the model appears here when it is ready.</source>
            <translation>Ollama працює, але мовної моделі ще немає. Добра перша модель для Raspberry Pi — %1: близько 400 МБ для завантаження, і на Pi 5 вона відповідає швидко. Відкрийте термінал і виконайте команду нижче; модель з’явиться тут, коли буде готова.</translation>
        </message>
        <message>
            <source>Command to download a model</source>
            <translation>Команда для завантаження моделі</translation>
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
</TS>
